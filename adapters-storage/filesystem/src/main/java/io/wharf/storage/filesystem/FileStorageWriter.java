package io.wharf.storage.filesystem;

import io.wharf.domain.port.StorageWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Appends to one file through a {@link FileChannel}. {@link #close()} only closes: the bytes are in the
 * page cache, which every later writer or reader on this machine sees. {@link #commit()} forces them
 * to disk, because a committed object is about to be acknowledged to a client. Meanwhile, every
 * {@link WriteBack#INTERVAL_BYTES} and at close, the bytes are flushed in the background, so the
 * commit has little left to wait for.
 */
final class FileStorageWriter implements StorageWriter {
    private enum State { OPEN, COMMITTED, CANCELLED, CLOSED }

    /**
     * The most bytes handed to one write(2). With 1 MiB writes, filling the page cache sometimes cost
     * several times the kernel CPU of 64 KiB writes on the machines measured (Linux 6.18, ext4, in a VM:
     * large page-cache folios landing in memory the host has not backed yet), and never less; a push is
     * mostly that copy. See docs/benchmarks.md.
     */
    static final int WRITE_SLICE = 64 << 10;

    private final String path;
    private final Path file;
    private final FileChannel channel;
    private final Consumer<Path> removeEmptyParents;
    private final WriteBack writeBack;
    private CompletableFuture<Void> flushing = WriteBack.IDLE;
    private long unflushed;
    private long size;
    private State state = State.OPEN;

    /** {@code channel} is positioned at its end, which is {@code size}. */
    FileStorageWriter(String path, Path file, FileChannel channel, long size, Consumer<Path> removeEmptyParents,
                      WriteBack writeBack) {
        this.path = path;
        this.file = file;
        this.channel = channel;
        this.removeEmptyParents = removeEmptyParents;
        this.writeBack = writeBack;
        this.size = size;
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        requireOpen();
        for (int at = offset, end = offset + length; at < end; at += WRITE_SLICE) {
            ByteBuffer slice = ByteBuffer.wrap(buffer, at, Math.min(WRITE_SLICE, end - at));
            while (slice.hasRemaining()) {
                channel.write(slice);
            }
        }
        size += length;
        unflushed += length;
        // at most one flush in flight per file: a slow disk must not queue up flushes
        if (unflushed >= WriteBack.INTERVAL_BYTES && flushing.isDone()) {
            unflushed = 0;
            flushing = writeBack.flush(flushing, file, channel);
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void commit() throws IOException {
        requireOpen();
        try (channel) {
            flushing.join();
            channel.force(true);
        }
        state = State.COMMITTED;
        writeBack.requireNoFailure(file);
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
        writeBack.forget(file);
        removeEmptyParents.accept(file.getParent());
    }

    /** Idempotent, and a no-op after commit or cancel, so try-with-resources around either is fine. */
    @Override
    public void close() throws IOException {
        if (state == State.OPEN) {
            state = State.CLOSED;
            if (unflushed > 0 || !flushing.isDone()) {
                writeBack.flushAndClose(flushing, file, channel);
            } else {
                channel.close();
            }
        }
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("writer for " + path + " is " + state.name().toLowerCase(Locale.ROOT));
        }
    }
}
