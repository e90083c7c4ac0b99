package io.wharf.storage.azure;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

/**
 * Block ids of one writer: a random 128-bit writer id and a 64-bit sequence number, base64-encoded.
 * Azure requires every block id of a blob to have the same length, so the layout is fixed; the random
 * part keeps ids from different writers (instances, retries) of the same blob apart.
 */
final class BlockIds {
    /** Base64 characters of the 24 id bytes. */
    static final int LENGTH = 32;

    private final long high;
    private final long low;
    private long sequence;

    BlockIds() {
        UUID writer = UUID.randomUUID();
        this.high = writer.getMostSignificantBits();
        this.low = writer.getLeastSignificantBits();
    }

    String next() {
        ByteBuffer id = ByteBuffer.allocate(24).putLong(high).putLong(low).putLong(sequence++);
        return Base64.getEncoder().encodeToString(id.array());
    }

    /** Whether {@code id} has the length of this driver's ids, so blocks named by it can join ours. */
    static boolean fits(String id) {
        return id.length() == LENGTH;
    }
}
