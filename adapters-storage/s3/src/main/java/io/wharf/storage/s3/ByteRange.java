package io.wharf.storage.s3;

import java.util.ArrayList;
import java.util.List;

/** An inclusive byte range, as S3's range headers count; and the ways the driver cuts objects into parts. */
record ByteRange(long first, long last) {

    long length() {
        return last - first + 1;
    }

    /**
     * {@code size} bytes in parts of exactly {@code partSize} but the last, which is smaller: a multipart copy
     * of a whole object, where only the last part may be under S3's 5 MiB minimum.
     */
    static List<ByteRange> fixed(long size, long partSize) {
        List<ByteRange> ranges = new ArrayList<>();
        for (long first = 0; first < size; first += partSize) {
            ranges.add(new ByteRange(first, Math.min(size, first + partSize) - 1));
        }
        return ranges;
    }

    /**
     * {@code size} bytes in as few parts of at most {@code maxPartSize} as possible, of (nearly) equal
     * length: when more parts follow, every one of them must reach the 5 MiB minimum, and for sizes of at
     * least 5 MiB equal parts do (each is over half of {@code maxPartSize} when there are several).
     */
    static List<ByteRange> equal(long size, long maxPartSize) {
        long count = Math.ceilDiv(size, maxPartSize);
        List<ByteRange> ranges = new ArrayList<>();
        long first = 0;
        for (long i = 0; i < count; i++) {
            long next = size * (i + 1) / count;
            ranges.add(new ByteRange(first, next - 1));
            first = next;
        }
        return ranges;
    }
}
