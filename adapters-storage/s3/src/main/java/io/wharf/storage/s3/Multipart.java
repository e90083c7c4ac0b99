package io.wharf.storage.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One multipart upload whose parts (uploaded bytes or server-side copies) are sent concurrently, at most
 * {@code concurrency} at a time: {@link #submit} blocks while that many are in flight, which is the
 * back-pressure that bounds a writer's memory. The first part to fail fails the upload; the caller then
 * {@link #abort}s it, so the object at the key stays as it was.
 */
final class Multipart {

    /** The work of one part; it runs on the executor. */
    @FunctionalInterface
    interface Part {
        CompletedPart send() throws IOException;
    }

    private final Bucket bucket;
    private final String key;
    private final String uploadId;
    private final Executor executor;
    private final int concurrency;
    private final Semaphore inFlight;
    private final Map<Integer, CompletedPart> done = new ConcurrentHashMap<>();
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private volatile boolean aborting;

    private Multipart(Bucket bucket, String key, String uploadId, Executor executor, int concurrency) {
        this.bucket = bucket;
        this.key = key;
        this.uploadId = uploadId;
        this.executor = executor;
        this.concurrency = concurrency;
        this.inFlight = new Semaphore(concurrency);
    }

    static Multipart start(Bucket bucket, String key, Executor executor, int concurrency) throws IOException {
        return new Multipart(bucket, key, bucket.startMultipart(key), executor, concurrency);
    }

    String key() {
        return key;
    }

    String uploadId() {
        return uploadId;
    }

    /**
     * Sends a part in the background once fewer than {@code concurrency} are in flight. {@code onDone} runs
     * after the part, whatever its outcome, before the slot is freed (writers return the part's buffer there).
     */
    void submit(Part part, Runnable onDone) throws IOException {
        try {
            throwIfFailed();
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to send a part of s3://"
                        + bucket.name() + "/" + key);
            }
        } catch (IOException | RuntimeException e) {
            onDone.run();
            throw e;
        }
        try {
            executor.execute(() -> run(part, onDone));
        } catch (RejectedExecutionException e) {
            inFlight.release();
            onDone.run();
            throw new IOException("the S3 driver is closed; s3://" + bucket.name() + "/" + key + " is not written", e);
        }
    }

    private void run(Part part, Runnable onDone) {
        try {
            if (!aborting && failure.get() == null) {
                CompletedPart completed = part.send();
                done.put(completed.partNumber(), completed);
            }
        } catch (IOException e) {
            failure.compareAndSet(null, e);
        } catch (RuntimeException e) {
            failure.compareAndSet(null, new IOException("sending a part of s3://" + bucket.name() + "/" + key
                    + " failed: " + e, e));
        } finally {
            try {
                onDone.run();
            } finally {
                inFlight.release();
            }
        }
    }

    /** Waits for every part, then makes the object of them; until this returns, the old object is what readers see. */
    void complete() throws IOException {
        awaitAll();
        throwIfFailed();
        List<CompletedPart> parts = done.values().stream()
                .sorted(Comparator.comparingInt(CompletedPart::partNumber))
                .toList();
        bucket.completeMultipart(key, uploadId, parts);
    }

    /**
     * Stops sending parts, waits for those in flight (S3 may keep a part that lands after the abort) and
     * aborts the upload. {@code cause}, if any, gets a failure to abort attached rather than hidden by it.
     */
    void abort(Throwable cause) throws IOException {
        aborting = true;
        inFlight.acquireUninterruptibly(concurrency);
        inFlight.release(concurrency);
        try {
            bucket.abortMultipart(key, uploadId);
        } catch (IOException e) {
            if (cause == null) {
                throw e;
            }
            cause.addSuppressed(e);
        }
    }

    void throwIfFailed() throws IOException {
        IOException failed = failure.get();
        if (failed != null) {
            throw new IOException(failed.getMessage(), failed);
        }
    }

    private void awaitAll() throws IOException {
        try {
            inFlight.acquire(concurrency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the parts of s3://"
                    + bucket.name() + "/" + key);
        }
        inFlight.release(concurrency);
    }
}
