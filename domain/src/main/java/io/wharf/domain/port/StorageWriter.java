package io.wharf.domain.port;

import java.io.IOException;

/**
 * Writes one object in pieces. Bytes written are kept once {@link #close()} (or {@link #commit()})
 * returns; {@link #commit()} marks the object complete; {@link #cancel()} discards it.
 */
public interface StorageWriter extends AutoCloseable {

    void write(byte[] buffer, int offset, int length) throws IOException;

    /** Bytes in the object so far, including those written by earlier writers. */
    long size();

    /** Flushes and marks the object complete; no write may follow. */
    void commit() throws IOException;

    /** Discards the object. */
    void cancel() throws IOException;

    /** Persists what was written so a later writer with {@code append} continues from it. */
    @Override
    void close() throws IOException;
}
