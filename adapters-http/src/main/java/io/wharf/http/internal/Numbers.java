package io.wharf.http.internal;

/** Header and query numbers: plain decimal digits only, no sign, no exceptions on the hot path. */
final class Numbers {
    private Numbers() {
    }

    /** The value of a non-empty run of decimal digits, or -1 when it is anything else or overflows a long. */
    static long parseNonNegative(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
