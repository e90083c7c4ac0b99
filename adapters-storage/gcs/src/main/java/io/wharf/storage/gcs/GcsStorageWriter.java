package io.wharf.storage.gcs;

import com.google.cloud.BaseServiceException;
import com.google.cloud.ReadChannel;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobTargetOption;
import com.google.cloud.storage.Storage.BlobWriteOption;
import com.google.cloud.storage.Storage.ComposeRequest;

import io.wharf.domain.port.StorageWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes one object, complete at close: GCS objects cannot be appended to, so the bytes stream through a
 * resumable upload that is finalised by {@link #close()} or {@link #commit()}, and only then replace what was
 * stored. Until then readers, on any instance, see the object as it was. How stored and new bytes are joined
 * is the {@link AppendPlan}.
 *
 * <p>Nothing touches storage before the first write: the core reopens an upload just to commit it, and a
 * writer closed without writing leaves an existing object as it was (and creates an empty one otherwise).
 */
final class GcsStorageWriter implements StorageWriter {
    private enum State { OPEN, FAILED, COMMITTED, CANCELLED, CLOSED }

    private static final int COPY_BUFFER = 256 * 1024;

    private final Storage storage;
    private final ObjectNames names;
    private final int chunkSize;
    private final String path;
    /** What was stored when the writer opened; null when nothing was or the writer starts over. */
    private final StoredObject stored;
    private final AppendPlan plan;
    private ObjectUpload upload;
    private BlobId temporary;
    private long size;
    private State state = State.OPEN;

    GcsStorageWriter(Storage storage, ObjectNames names, int chunkSize, String path, StoredObject stored) {
        this.storage = storage;
        this.names = names;
        this.chunkSize = chunkSize;
        this.path = path;
        this.stored = stored;
        this.plan = AppendPlan.choose(stored, chunkSize);
        this.size = stored == null ? 0 : stored.size();
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        requireOpen();
        if (length == 0) {
            return;
        }
        try {
            if (upload == null) {
                upload = startUpload();
            }
            upload.write(ByteBuffer.wrap(buffer, offset, length));
        } catch (IOException | RuntimeException e) {
            fail();
            throw e;
        }
        size += length;
    }

    /**
     * A failed write leaves the upload with a gap the caller knows nothing about: it is never finalised, so
     * the stored object stays as it was and its size tells the caller how much is really stored.
     */
    private void fail() {
        state = State.FAILED;
        if (upload != null) {
            upload.abandon();
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void commit() throws IOException {
        if (state == State.FAILED) {
            throw new IOException("writer for " + names.describe(path) + " failed earlier: nothing of it was stored");
        }
        requireOpen();
        state = State.COMMITTED;
        finish();
    }

    @Override
    public void cancel() throws IOException {
        if (state == State.COMMITTED) {
            throw new IllegalStateException("writer for " + path + " is already committed");
        }
        state = State.CANCELLED;
        if (upload != null) {
            upload.abandon();
        }
        try {
            storage.delete(names.blob(path));
        } catch (BaseServiceException e) {
            throw GcsFailures.of("delete (cancelled writer)", names.describe(path), e);
        }
    }

    /**
     * Idempotent, and a no-op after commit, cancel or a failed write, so try-with-resources around any of them
     * is fine.
     */
    @Override
    public void close() throws IOException {
        if (state == State.OPEN) {
            state = State.CLOSED;
            finish();
        }
    }

    private ObjectUpload startUpload() throws IOException {
        BlobId target = names.blob(path);
        return switch (plan) {
            case UPLOAD -> ObjectUpload.start(storage, target, names.describe(path), chunkSize, targetPreconditions());
            case COPY_FORWARD -> {
                ObjectUpload forward = ObjectUpload.start(storage, target, names.describe(path), chunkSize,
                        targetPreconditions());
                copyStoredBytes(forward);
                yield forward;
            }
            case COMPOSE -> {
                // '~' is in no valid storage path, so the temporary can never collide with an object, and list skips it
                String suffix = "~append-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
                temporary = BlobId.of(names.bucket(), names.name(path) + suffix);
                yield ObjectUpload.start(storage, temporary, names.describeName(temporary.getName()), chunkSize,
                        BlobWriteOption.doesNotExist());
            }
        };
    }

    /** Replace only what this writer saw: a concurrent writer's object is never silently overwritten. */
    private BlobWriteOption[] targetPreconditions() {
        if (stored == null) {
            return new BlobWriteOption[0];
        }
        return stored.generation() == 0 ? new BlobWriteOption[0]
                : new BlobWriteOption[] {BlobWriteOption.generationMatch(stored.generation())};
    }

    /**
     * Streams the stored object into {@code forward}. The read is not pinned to the stored generation: the
     * upload's generation precondition already fails the whole append if the object changes meanwhile.
     */
    private void copyStoredBytes(ObjectUpload forward) throws IOException {
        long copied = 0;
        try (ReadChannel in = storage.reader(names.blob(path))) {
            ByteBuffer buffer = ByteBuffer.allocate(COPY_BUFFER);
            while (in.read(buffer) >= 0) {
                buffer.flip();
                copied += buffer.remaining();
                forward.write(buffer);
                buffer.clear();
            }
        } catch (BaseServiceException e) {
            throw GcsFailures.of("read (append)", names.describe(path), e);
        } catch (IOException e) {
            throw GcsFailures.of("read (append)", names.describe(path), e);
        }
        if (copied != stored.size()) {
            throw new IOException("GCS append to " + names.describe(path) + " failed: the object changed while its "
                    + stored.size() + " bytes were copied (read " + copied + ")");
        }
    }

    private void finish() throws IOException {
        if (upload == null) {
            if (stored == null) {
                createEmpty();
            }
            return;
        }
        upload.finish();
        if (plan == AppendPlan.COMPOSE) {
            composeOntoStored();
        }
    }

    private void createEmpty() throws IOException {
        try {
            storage.create(BlobInfo.newBuilder(names.blob(path)).build(), new byte[0]);
        } catch (BaseServiceException e) {
            throw GcsFailures.of("create", names.describe(path), e);
        }
    }

    /**
     * [stored generation, temporary] become the object's next generation in one server-side step; the
     * precondition makes a concurrent change fail it rather than be lost. The temporary goes either way.
     */
    private void composeOntoStored() throws IOException {
        String name = names.name(path);
        ComposeRequest.Builder request = ComposeRequest.newBuilder();
        if (stored.generation() == 0) {
            request.addSource(name);
        } else {
            request.addSource(name, stored.generation());
            request.setTargetOptions(BlobTargetOption.generationMatch(stored.generation()));
        }
        request.addSource(temporary.getName()).setTarget(BlobInfo.newBuilder(names.blob(path)).build());
        try {
            storage.compose(request.build());
        } catch (BaseServiceException e) {
            throw GcsFailures.of("compose", names.describe(path), e);
        } finally {
            deleteTemporary();
        }
    }

    private void deleteTemporary() {
        try {
            storage.delete(temporary);
        } catch (BaseServiceException leftBehind) {
            // harmless: list never shows it, and deleting the upload's directory removes it
        }
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("writer for " + path + " is " + state.name().toLowerCase(Locale.ROOT));
        }
    }
}
