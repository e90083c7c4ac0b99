package io.wharf.notify.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as Go's {@code time.Time} marshals them to JSON (RFC 3339 with up to nine fraction digits,
 * trailing zeros dropped, no dot for whole seconds), always in UTC ({@code Z}). Java's
 * {@code Instant.toString()} pads the fraction to groups of three ({@code .400Z}); receivers written
 * against distribution have seen only Go's spelling.
 */
public final class Rfc3339 {
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private Rfc3339() {
    }

    public static String format(Instant instant) {
        StringBuilder out = new StringBuilder(SECONDS.format(instant));
        int nanos = instant.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(fraction, 0, end);
        }
        return out.append('Z').toString();
    }
}
