package io.wharf.http.internal;

import io.wharf.domain.error.ErrorCode;
import io.wharf.domain.error.RegistryException;
import io.wharf.domain.model.ByteRange;

import java.util.Optional;

/**
 * A chunk PATCH's {@code Content-Range}. The spec writes it {@code <start>-<end>} (inclusive, no
 * unit); clients that speak RFC 9110 send {@code bytes <start>-<end>/<total|*>}, so both are read.
 */
final class ContentRangeHeader {
    private ContentRangeHeader() {
    }

    /** Empty when absent; BLOB_UPLOAD_INVALID (400) when present but unreadable. */
    static Optional<ByteRange> parse(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String v = header.get().trim();
        if (v.regionMatches(true, 0, "bytes", 0, 5)) {
            v = v.substring(5).trim();
            if (v.startsWith("=")) {
                v = v.substring(1).trim();
            }
        }
        int slash = v.indexOf('/');
        if (slash >= 0) {
            v = v.substring(0, slash).trim();
        }
        int dash = v.indexOf('-');
        long first = dash <= 0 ? -1 : Numbers.parseNonNegative(v.substring(0, dash).trim());
        long last = dash <= 0 ? -1 : Numbers.parseNonNegative(v.substring(dash + 1).trim());
        if (first < 0 || last < first) {
            throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID,
                    "Content-Range '" + header.get() + "' is not <start>-<end>");
        }
        return Optional.of(new ByteRange(first, last));
    }
}
