package io.wharf.storage.filesystem;

import io.wharf.domain.port.StorageWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Appends to one file through a {@link FileChannel}. {@link #close()} only closes: the bytes are in the
 * page cache, which every later writer or reader on this machine sees. {@link #commit()} forces them
 * to disk, because a committed object is about to be acknowledged to a client.
 */
final class FileStorageWriter implements StorageWriter {
    private enum State { OPEN, COMMITTED, CANCELLED, CLOSED }

    private final String path;
    private final Path file;
    private final FileChannel channel;
    private final Consumer<Path> removeEmptyParents;
    private long size;
    private State state = State.OPEN;

    /** {@code channel} is positioned at its end, which is {@code size}. */
    FileStorageWriter(String path, Path file, FileChannel channel, long size, Consumer<Path> removeEmptyParents) {
        this.path = path;
        this.file = file;
        this.channel = channel;
        this.removeEmptyParents = removeEmptyParents;
        this.size = size;
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        requireOpen();
        ByteBuffer bytes = ByteBuffer.wrap(buffer, offset, length);
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        size += length;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void commit() throws IOException {
        requireOpen();
        try (channel) {
            channel.force(true);
        }
        state = State.COMMITTED;
        // the file may be new: make its directory entry as durable as its bytes
        Durability.syncDirectory(file.getParent());
    }

    @Override
    public void cancel() throws IOException {
        if (state == State.COMMITTED) {
            throw new IllegalStateException("writer for " + path + " is already committed");
        }
        channel.close();
        state = State.CANCELLED;
        Files.deleteIfExists(file);
        removeEmptyParents.accept(file.getParent());
    }

    /** Idempotent, and a no-op after commit or cancel, so try-with-resources around either is fine. */
    @Override
    public void close() throws IOException {
        if (state == State.OPEN) {
            state = State.CLOSED;
            channel.close();
        }
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("writer for " + path + " is " + state.name().toLowerCase(Locale.ROOT));
        }
    }
}
