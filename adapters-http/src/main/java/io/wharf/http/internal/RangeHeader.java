package io.wharf.http.internal;

import io.wharf.domain.model.ByteRange;

import java.util.Optional;

/**
 * A blob GET's {@code Range} header (RFC 9110 §14.2), limited to what registries serve: one range
 * in bytes. Multiple ranges, other units and malformed values are ignored, as RFC 9110 allows, and
 * the whole blob is served.
 */
sealed interface RangeHeader {

    /** {@code bytes=a-b}. */
    record Closed(long first, long last) implements RangeHeader {
    }

    /** {@code bytes=a-}: from {@code first} to the end. */
    record From(long first) implements RangeHeader {
    }

    /** {@code bytes=-n}: the last {@code length} bytes. */
    record Suffix(long length) implements RangeHeader {
    }

    /** Whether resolving needs the blob's size first (only a suffix does). */
    default boolean needsSize() {
        return this instanceof Suffix;
    }

    /**
     * The absolute range to open, or empty when it cannot be satisfied. Without a size (the
     * caller did not stat) an open end is {@code Long.MAX_VALUE}: BlobReads cuts a range ending past
     * the end, and rejects one starting past it.
     */
    default Optional<ByteRange> resolve(long size) {
        return switch (this) {
            case Closed c -> Optional.of(new ByteRange(c.first(), c.last()));
            case From f -> Optional.of(new ByteRange(f.first(), Long.MAX_VALUE));
            case Suffix s -> s.length() == 0 || size == 0
                    ? Optional.empty()
                    : Optional.of(new ByteRange(Math.max(0, size - s.length()), size - 1));
        };
    }

    static Optional<RangeHeader> parse(Optional<String> header) {
        return header.flatMap(RangeHeader::parse);
    }

    static Optional<RangeHeader> parse(String value) {
        String v = value.trim();
        if (!v.regionMatches(true, 0, "bytes=", 0, 6) || v.indexOf(',') >= 0) {
            return Optional.empty();
        }
        String spec = v.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        long first = Numbers.parseNonNegative(spec.substring(0, dash).trim());
        String lastText = spec.substring(dash + 1).trim();
        if (dash == 0) {
            long length = Numbers.parseNonNegative(lastText);
            return length < 0 ? Optional.empty() : Optional.of(new Suffix(length));
        }
        if (first < 0) {
            return Optional.empty();
        }
        if (lastText.isEmpty()) {
            return Optional.of(new From(first));
        }
        long last = Numbers.parseNonNegative(lastText);
        return last < first ? Optional.empty() : Optional.of(new Closed(first, last));
    }
}
