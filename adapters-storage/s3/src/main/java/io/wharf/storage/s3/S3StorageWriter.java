package io.wharf.storage.s3;

import io.wharf.domain.port.StorageWriter;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/**
 * Builds one object, complete at every close: other instances read what this writer wrote as soon as it
 * is closed, and size it with a HEAD. Bytes are buffered up to {@code chunksize}; full buffers go out as
 * parts of a multipart upload in the background ({@code parallelparts} at a time), and closing sends the
 * rest as the last part and completes the upload, or sends everything as one PutObject when it fits in
 * one buffer. Until a close completes, the previous object stays what readers see; a failed close aborts
 * the upload, leaving it as it was.
 *
 * <p>Appending continues an object of another writer, possibly another instance's. Under 5 MiB its bytes
 * are read into the buffer; from 5 MiB on they become the first parts of the new upload by server-side
 * copy. Both happen only once new bytes are written: the core reopens uploads just to commit them, and
 * that must not rewrite anything.
 */
final class S3StorageWriter implements StorageWriter {
    private enum State { OPEN, COMMITTED, CANCELLED, CLOSED, FAILED }

    /** Small objects (tags, links, small uploads) should not cost a whole chunk of memory. */
    private static final int INITIAL_BUFFER = 64 << 10;

    private final Bucket bucket;
    private final String path;
    private final String key;
    private final int chunkSize;
    private final int parallelParts;
    private final Executor executor;
    private final Optional<Existing> existing;
    /** A new object is created by close even when nothing was written; a continued one is left alone. */
    private final boolean createsObject;
    /** Full-size buffers back from uploaded parts, reused so a long upload allocates only a few. */
    private final ConcurrentLinkedQueue<byte[]> spare = new ConcurrentLinkedQueue<>();

    private byte[] buffer = new byte[0];
    private int buffered;
    private long written;
    private boolean existingTakenOver;
    private Multipart upload;
    private int nextPartNumber = 1;
    private State state = State.OPEN;

    /** What an appending writer continues: the object's size and the version it was read at. */
    record Existing(long size, String eTag) {
    }

    S3StorageWriter(Bucket bucket, String path, S3Settings settings, Executor executor, Optional<Existing> existing,
            boolean append) {
        this.bucket = bucket;
        this.path = path;
        this.key = bucket.key(path);
        this.chunkSize = settings.chunkSize();
        this.parallelParts = settings.parallelParts();
        this.executor = executor;
        this.existing = existing.filter(object -> object.size() > 0);
        this.createsObject = !append || existing.isEmpty();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        requireOpen();
        if (length == 0) {
            return;
        }
        try {
            takeOverExisting();
            for (int at = offset, end = offset + length; at < end; ) {
                int n = Math.min(end - at, chunkSize - buffered);
                ensureCapacity(buffered + n);
                System.arraycopy(bytes, at, buffer, buffered, n);
                buffered += n;
                written += n;
                at += n;
                if (buffered == chunkSize) {
                    sendBufferAsPart();
                }
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
            throw e;
        }
    }

    @Override
    public long size() {
        return existing.map(Existing::size).orElse(0L) + written;
    }

    @Override
    public void commit() throws IOException {
        requireOpen();
        finish(State.COMMITTED);
    }

    /** Discards the object; the upload in progress, if any, goes first so none of it can reappear. */
    @Override
    public void cancel() throws IOException {
        if (state == State.COMMITTED) {
            throw new IllegalStateException("writer for " + path + " is already committed");
        }
        IOException failure = null;
        if (upload != null) {
            try {
                upload.abort(null);
            } catch (IOException e) {
                failure = e;
            }
            upload = null;
        }
        state = State.CANCELLED;
        release();
        bucket.delete(key);
        if (failure != null) {
            throw failure;
        }
    }

    /** Idempotent, and a no-op after commit or cancel, so try-with-resources around either is fine. */
    @Override
    public void close() throws IOException {
        if (state == State.OPEN) {
            finish(State.CLOSED);
        }
    }

    private void finish(State next) throws IOException {
        try {
            if (written == 0) {
                if (createsObject) {
                    bucket.put(key, buffer, 0);
                }
            } else if (upload == null && !existingIsCopied()) {
                bucket.put(key, buffer, buffered);
            } else {
                startUploadIfNeeded();
                if (buffered > 0) {
                    sendBufferAsPart();
                }
                upload.complete();
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
            throw e;
        }
        state = next;
        release();
    }

    /** Appending: small existing bytes start the buffer, large ones are copied when the upload starts. */
    private void takeOverExisting() throws IOException {
        if (existingTakenOver) {
            return;
        }
        existingTakenOver = true;
        if (existing.isPresent() && !existingIsCopied()) {
            int size = (int) existing.get().size();
            ensureCapacity(size);
            bucket.readFully(key, existing.get().eTag(), buffer, size);
            buffered = size;
        }
    }

    private boolean existingIsCopied() {
        return existing.isPresent() && existing.get().size() >= S3Settings.MIN_PART_SIZE;
    }

    private void startUploadIfNeeded() throws IOException {
        if (upload != null) {
            return;
        }
        Multipart started = Multipart.start(bucket, key, executor, parallelParts);
        upload = started;
        if (existingIsCopied()) {
            Existing old = existing.get();
            for (ByteRange range : ByteRange.equal(old.size(), S3Settings.MAX_PART_SIZE)) {
                int partNumber = nextPartNumber++;
                started.submit(() -> bucket.copyPart(key, started.uploadId(), partNumber, key, old.eTag(), range),
                        () -> { });
            }
        }
    }

    /** Hands the buffer to a background part upload, which returns it to {@link #spare} when done. */
    private void sendBufferAsPart() throws IOException {
        startUploadIfNeeded();
        int partNumber = nextPartNumber++;
        if (partNumber > S3Settings.MAX_PARTS) {
            throw new IOException("s3://" + bucket.name() + "/" + key + " would need more than " + S3Settings.MAX_PARTS
                    + " parts of " + chunkSize + " bytes; raise storage.s3.chunksize");
        }
        byte[] bytes = buffer;
        int length = buffered;
        buffer = new byte[0];
        buffered = 0;
        Multipart target = upload;
        target.submit(() -> bucket.uploadPart(key, target.uploadId(), partNumber, bytes, length),
                () -> {
                    if (bytes.length == chunkSize) {
                        spare.offer(bytes);
                    }
                });
    }

    private void ensureCapacity(int needed) {
        if (needed <= buffer.length) {
            return;
        }
        byte[] reused = buffered == 0 ? spare.poll() : null;
        if (reused != null) {
            buffer = reused;
            return;
        }
        int capacity = Math.max(needed, Math.max(INITIAL_BUFFER, Math.min(chunkSize, 2 * buffer.length)));
        if (capacity > chunkSize - chunkSize / 4) {
            capacity = Math.max(needed, chunkSize); // a last doubling step would nearly reach it anyway
        }
        buffer = Arrays.copyOf(buffer, capacity);
    }

    /** After a failure the writer is unusable, and the upload is aborted so the old object stays in place. */
    private void fail(Exception cause) {
        state = State.FAILED;
        if (upload != null) {
            try {
                upload.abort(cause);
            } catch (IOException alreadyAttached) {
                // abort(cause) attaches its own failure to cause instead of throwing
            }
            upload = null;
        }
        release();
    }

    private void release() {
        buffer = new byte[0];
        buffered = 0;
        spare.clear();
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("writer for " + path + " is " + state.name().toLowerCase(Locale.ROOT));
        }
    }
}
