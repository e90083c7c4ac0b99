package io.wharf.domain.model;

/** An inclusive byte range {@code first-last}, as HTTP's Range and Content-Range headers write it. */
public record ByteRange(long first, long last) {
    public ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("bad range " + first + "-" + last);
        }
    }

    public long length() {
        return last - first + 1;
    }
}
