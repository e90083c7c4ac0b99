package io.wharf.storage.filesystem;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Starts writing an upload's bytes to disk while the upload is still arriving, so that the fsync a
 * client waits for when it completes the upload finds little left to do: disk writes overlap the
 * network transfer instead of following it.
 *
 * <p>A background fsync that fails consumes the kernel's report of that error, so a later fsync of
 * the same file could succeed although bytes were lost. Failures are therefore remembered per file
 * and thrown by the next {@link #requireNoFailure commit} of that file.
 */
final class WriteBack implements AutoCloseable {
    /** Bytes written between two background flushes of one file. */
    static final long INTERVAL_BYTES = 8L << 20;

    static final CompletableFuture<Void> IDLE = CompletableFuture.completedFuture(null);

    private final ExecutorService threads = Executors.newFixedThreadPool(2,
            Thread.ofPlatform().name("wharf-fs-writeback-", 0).daemon(true).factory());
    private final Map<Path, IOException> failures = new ConcurrentHashMap<>();

    /** Flushes {@code channel} in the background once {@code previous} is done. */
    CompletableFuture<Void> flush(CompletableFuture<Void> previous, Path file, FileChannel channel) {
        return previous.thenRunAsync(() -> force(file, channel), threads);
    }

    /** Flushes, then closes {@code channel} in the background: the writer is done with it. */
    void flushAndClose(CompletableFuture<Void> previous, Path file, FileChannel channel) {
        previous.thenRunAsync(() -> {
            try {
                force(file, channel);
            } finally {
                closeQuietly(channel);
            }
        }, threads);
    }

    /** Throws a failure of an earlier background flush of {@code file}, once. */
    void requireNoFailure(Path file) throws IOException {
        IOException failure = failures.remove(file);
        if (failure != null) {
            throw new IOException("writing " + file + " to disk failed earlier; its bytes may be lost", failure);
        }
    }

    /** The file is gone or starts over: an earlier failure no longer concerns anyone. */
    void forget(Path file) {
        failures.remove(file);
    }

    private void force(Path file, FileChannel channel) {
        try {
            channel.force(false);
        } catch (ClosedChannelException cancelled) {
            // the writer was cancelled meanwhile: nothing of it needs to reach the disk
        } catch (IOException e) {
            failures.merge(file, e, (first, later) -> first);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // close after a flush reports nothing the flush did not
        }
    }

    /** Lets pending flushes finish, so no channel is left open. */
    @Override
    public void close() {
        threads.shutdown();
        try {
            threads.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
