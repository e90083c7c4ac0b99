package io.wharf.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
    private static final long MIB = 1 << 20;
    private static final long GIB = 1L << 30;

    @Test
    void fixedPartsLeaveTheRemainderLast() {
        assertEquals(List.of(new ByteRange(0, 5 * MIB - 1), new ByteRange(5 * MIB, 10 * MIB - 1),
                new ByteRange(10 * MIB, 12 * MIB + 6)), ByteRange.fixed(12 * MIB + 7, 5 * MIB));
        assertEquals(List.of(new ByteRange(0, 5 * MIB - 1)), ByteRange.fixed(5 * MIB, 5 * MIB));
    }

    @Test
    void equalPartsOfASmallObjectAreOnePart() {
        assertEquals(List.of(new ByteRange(0, 5 * MIB - 1)), ByteRange.equal(5 * MIB, S3Settings.MAX_PART_SIZE));
    }

    /** Copied parts precede new ones, so each must be at least 5 MiB and at most 5 GiB. */
    @Test
    void equalPartsStayWithinS3sPartLimitsAndCoverEverything() {
        for (long size : new long[] {5 * GIB + 1, 6 * GIB, 11 * GIB + 3, 50 * GIB - 1}) {
            List<ByteRange> ranges = ByteRange.equal(size, S3Settings.MAX_PART_SIZE);
            long next = 0;
            for (ByteRange range : ranges) {
                assertEquals(next, range.first());
                assertTrue(range.length() <= S3Settings.MAX_PART_SIZE && range.length() >= S3Settings.MIN_PART_SIZE,
                        size + ": " + range);
                next = range.last() + 1;
            }
            assertEquals(size, next);
            assertEquals(Math.ceilDiv(size, S3Settings.MAX_PART_SIZE), ranges.size());
        }
    }
}
