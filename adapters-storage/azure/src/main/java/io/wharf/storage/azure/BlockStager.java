package io.wharf.storage.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.specialized.BlockBlobClient;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Cuts one writer's bytes into blocks and stages them (Put Block) concurrently. At most
 * {@code parallelBlocks} blocks are in flight: the writer owns {@code parallelBlocks + 1} buffers, fills
 * one while the others upload, and waits for a buffer to come back when all are busy. Buffers are reused,
 * so a long upload allocates them once; the first one starts small and grows, so the many short chunk
 * writes of a registry do not each cost a whole block of memory.
 *
 * <p>Used by one thread at a time (the writer's); only the upload tasks run elsewhere.
 */
final class BlockStager {
    private static final int FIRST_BUFFER = 64 << 10;

    private final BlobTarget target;
    private final BlockBlobClient blob;
    private final ExecutorService executor;
    private final int blockSize;
    private final int maxBuffers;
    private final int maxBlocks;
    private final BlockIds ids = new BlockIds();
    private final BlockingQueue<byte[]> free = new LinkedBlockingQueue<>();
    private final List<String> staged = new ArrayList<>();
    private final List<Future<?>> inFlight = new ArrayList<>();
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private int allocated;
    private byte[] current;
    private int filled;

    /** @param maxBlocks how many blocks this writer may add before the blob would exceed Azure's limit */
    BlockStager(BlobTarget target, ExecutorService executor, int blockSize, int parallelBlocks, int maxBlocks) {
        this.target = target;
        this.blob = target.client().getBlockBlobClient();
        this.executor = executor;
        this.blockSize = blockSize;
        this.maxBuffers = parallelBlocks + 1;
        this.maxBlocks = maxBlocks;
    }

    void write(byte[] buffer, int offset, int length) throws IOException {
        throwIfFailed();
        int at = offset;
        int left = length;
        while (left > 0) {
            if (current == null) {
                current = takeBuffer();
                filled = 0;
            }
            int n = Math.min(left, blockSize - filled);
            ensureCapacity(filled + n);
            System.arraycopy(buffer, at, current, filled, n);
            filled += n;
            at += n;
            left -= n;
            if (filled == blockSize) {
                stageCurrent();
            }
        }
    }

    /** Stages what is buffered, waits for every stage, and returns the new block ids in byte order. */
    List<String> finish() throws IOException {
        if (current != null && filled > 0) {
            stageCurrent();
        }
        awaitInFlight();
        releaseBuffers();
        throwIfFailed();
        return List.copyOf(staged);
    }

    /** Waits for stages in flight so none lands after the caller deletes the blob; their errors no longer matter. */
    void abandon() throws IOException {
        awaitInFlight();
        releaseBuffers();
    }

    /** Whether any block was sent, so uncommitted blocks may exist on the service. */
    boolean stagedAny() {
        return !staged.isEmpty();
    }

    private void stageCurrent() throws IOException {
        if (staged.size() >= maxBlocks) {
            throw new IOException("blob '" + target.name() + "' in container '" + target.container()
                    + "' would exceed Azure's limit of " + AzureStorageDriver.MAX_BLOCKS
                    + " committed blocks; a larger storage.azure.blocksize allows larger or more finely chunked uploads");
        }
        String id = ids.next();
        byte[] bytes = current;
        int length = filled;
        current = null;
        filled = 0;
        staged.add(id);
        try {
            inFlight.add(executor.submit(() -> stage(id, bytes, length)));
        } catch (RejectedExecutionException e) {
            free.add(bytes);
            throw new IOException("the Azure storage driver is closed; cannot write '" + target.name() + "'", e);
        }
    }

    private void stage(String id, byte[] bytes, int length) {
        try {
            blob.stageBlock(id, BinaryData.fromByteBuffer(ByteBuffer.wrap(bytes, 0, length).asReadOnlyBuffer()));
        } catch (RuntimeException e) {
            failure.compareAndSet(null, target.failure("stage block", e));
        } finally {
            free.add(bytes);
        }
    }

    private byte[] takeBuffer() throws IOException {
        byte[] buffer = free.poll();
        if (buffer != null) {
            return buffer;
        }
        if (allocated < maxBuffers) {
            allocated++;
            // once a block was full, this writer streams: give it whole blocks from now on
            return new byte[staged.isEmpty() ? Math.min(blockSize, FIRST_BUFFER) : blockSize];
        }
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to stage a block of '" + target.name() + "'");
        }
    }

    private void ensureCapacity(int needed) {
        if (current.length < needed) {
            int grown = (int) Math.min(blockSize, Math.max(needed, 2L * current.length));
            current = Arrays.copyOf(current, grown);
        }
    }

    private void awaitInFlight() throws IOException {
        try {
            for (Future<?> stage : inFlight) {
                stage.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while staging blocks of '" + target.name() + "'");
        } catch (ExecutionException e) {
            throw new IllegalStateException("stage() reports its own failures", e);
        }
        inFlight.clear();
    }

    private void releaseBuffers() {
        current = null;
        filled = 0;
        free.clear();
    }

    private void throwIfFailed() throws IOException {
        IOException failed = failure.get();
        if (failed != null) {
            throw new IOException(failed.getMessage(), failed);
        }
    }
}
