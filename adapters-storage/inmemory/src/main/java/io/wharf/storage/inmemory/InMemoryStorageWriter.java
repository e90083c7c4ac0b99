package io.wharf.storage.inmemory;

import io.wharf.domain.port.StorageWriter;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/** Collects bytes in a growing array and stores them on {@link #close()} or {@link #commit()}. */
final class InMemoryStorageWriter implements StorageWriter {
    private enum State { OPEN, COMMITTED, CANCELLED, CLOSED }

    /** Java arrays stop a little short of Integer.MAX_VALUE. */
    private static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    private final InMemoryStore store;
    private final String path;
    private byte[] buffer;
    private int size;
    private State state = State.OPEN;

    /** Continues from {@code initial}, which is empty unless appending. */
    InMemoryStorageWriter(InMemoryStore store, String path, byte[] initial) {
        this.store = store;
        this.path = path;
        this.buffer = Arrays.copyOf(initial, Math.max(initial.length, 8192));
        this.size = initial.length;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        requireOpen();
        if (length > MAX_SIZE - size) {
            throw new IOException("object " + path + " would exceed the in-memory driver's 2 GiB limit");
        }
        if (size + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(MAX_SIZE, Math.max(size + length, 2L * buffer.length)));
        }
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void commit() throws IOException {
        requireOpen();
        store.put(path, Arrays.copyOf(buffer, size));
        state = State.COMMITTED;
        buffer = null;
    }

    @Override
    public void cancel() {
        if (state == State.COMMITTED) {
            throw new IllegalStateException("writer for " + path + " is already committed");
        }
        state = State.CANCELLED;
        buffer = null;
        store.discard(path);
    }

    /** Idempotent, and a no-op after commit or cancel, so try-with-resources around either is fine. */
    @Override
    public void close() throws IOException {
        if (state == State.OPEN) {
            store.put(path, Arrays.copyOf(buffer, size));
            state = State.CLOSED;
            buffer = null;
        }
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("writer for " + path + " is " + state.name().toLowerCase(Locale.ROOT));
        }
    }
}
