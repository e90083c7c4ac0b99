package io.wharf.application.service;

import io.wharf.application.port.in.BlobUploads;
import io.wharf.domain.error.ErrorCode;
import io.wharf.domain.error.Failure;
import io.wharf.domain.error.RegistryException;
import io.wharf.domain.event.Action;
import io.wharf.domain.event.Origin;
import io.wharf.domain.event.Target;
import io.wharf.domain.model.BlobRecord;
import io.wharf.domain.model.ByteRange;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.DigestAlgorithm;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.StorageLayout;
import io.wharf.domain.model.UploadSession;
import io.wharf.domain.port.BlobIndex;
import io.wharf.domain.port.Ids;
import io.wharf.domain.port.PathNotFoundException;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageWriter;
import io.wharf.domain.port.UploadSessionStore;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Pushing blobs. Bytes stream into the session's upload object while they are hashed; a finished
 * upload is checked against the client's digest and then moved, in one atomic step, to the blob's
 * content-addressed path, so a partial or wrong blob is never visible.
 */
public final class UploadService implements BlobUploads {
    private static final int HASH_STATE_CAPACITY = 10_000;

    private final StorageDriver storage;
    private final BlobIndex blobs;
    private final UploadSessionStore sessions;
    private final EventRecorder events;
    private final Clock clock;
    private final Ids ids;
    private final HashStates hashStates = new HashStates(HASH_STATE_CAPACITY);

    public UploadService(StorageDriver storage, BlobIndex blobs, UploadSessionStore sessions, EventRecorder events,
                         Clock clock, Ids ids) {
        this.storage = storage;
        this.blobs = blobs;
        this.sessions = sessions;
        this.events = events;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public UploadStatus start(RepositoryName repository) {
        UploadSession session = openSession(repository);
        return new UploadStatus(repository, session.id(), 0);
    }

    @Override
    public BlobRecord uploadWhole(RepositoryName repository, Digest expected, InputStream body, Origin origin) {
        UploadSession session = openSession(repository);
        try {
            MessageDigest sha256 = DigestAlgorithm.SHA256.newMessageDigest();
            try (StorageWriter writer = storage.writer(session.dataPath(), true)) {
                StreamCopy.copy(body, writer, sha256);
            }
            return finish(session, expected, sha256, origin);
        } catch (IOException e) {
            discard(session);
            throw StorageFailure.of("storing the upload of " + expected + " in " + repository, e);
        }
    }

    @Override
    public UploadStatus append(RepositoryName repository, UUID id, Optional<ByteRange> range, InputStream body) {
        UploadSession session = session(repository, id);
        long offset = storedSize(session);
        if (range.isPresent() && range.get().first() != offset) {
            throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, Failure.RANGE_NOT_SATISFIABLE,
                    "chunk starts at byte " + range.get().first() + " but the upload holds " + offset
                            + " bytes; send the next chunk from " + offset);
        }
        try {
            MessageDigest sha256 = hashStateAt(session, offset);
            long newOffset;
            try (StorageWriter writer = storage.writer(session.dataPath(), true)) {
                StreamCopy.copy(body, writer, sha256);
                newOffset = writer.size();
            }
            hashStates.put(id, newOffset, sha256);
            sessions.updateSession(session.advancedTo(newOffset, clock.instant()));
            return new UploadStatus(repository, id, newOffset);
        } catch (IOException e) {
            hashStates.forget(id);
            throw StorageFailure.of("appending to upload " + id, e);
        }
    }

    @Override
    public UploadStatus status(RepositoryName repository, UUID id) {
        UploadSession session = session(repository, id);
        return new UploadStatus(repository, id, storedSize(session));
    }

    @Override
    public BlobRecord complete(RepositoryName repository, UUID id, Digest expected, Optional<InputStream> lastChunk,
                               Origin origin) {
        if (lastChunk.isPresent()) {
            append(repository, id, Optional.empty(), lastChunk.get());
        }
        UploadSession session = session(repository, id);
        try {
            return finish(session, expected, hashStateAt(session, storedSize(session)), origin);
        } catch (IOException e) {
            throw StorageFailure.of("completing upload " + id, e);
        }
    }

    @Override
    public void cancel(RepositoryName repository, UUID id) {
        discard(session(repository, id));
    }

    @Override
    public Optional<BlobRecord> mount(RepositoryName repository, Digest digest, Optional<RepositoryName> from,
                                      Origin origin) {
        Optional<BlobRecord> blob = from.flatMap(source -> blobs.findLinkedBlob(source, digest));
        blob.ifPresent(found -> blobs.linkBlob(repository, found, events.eventsFor(Action.MOUNT,
                Target.mountedBlob(repository, found.digest(), found.size(), from.get()), origin)));
        return blob;
    }

    private UploadSession openSession(RepositoryName repository) {
        Instant now = clock.instant();
        UploadSession session = new UploadSession(ids.newUploadId(), repository, now, now, 0);
        try {
            // The empty object exists from the start, so every chunk simply appends.
            storage.writer(session.dataPath(), false).close();
        } catch (IOException e) {
            throw StorageFailure.of("creating upload " + session.id(), e);
        }
        sessions.createSession(session);
        return session;
    }

    private UploadSession session(RepositoryName repository, UUID id) {
        return sessions.findSession(repository, id).orElseThrow(() -> new RegistryException(
                ErrorCode.BLOB_UPLOAD_UNKNOWN, "no upload " + id + " in repository " + repository));
    }

    /** The stored bytes are the truth: the catalog's offset may lag after a crash mid-chunk. */
    private long storedSize(UploadSession session) {
        try {
            return storage.stat(session.dataPath()).map(s -> s.size()).orElseThrow(() -> new RegistryException(
                    ErrorCode.BLOB_UPLOAD_UNKNOWN, "upload " + session.id() + " has no stored data"));
        } catch (IOException e) {
            throw StorageFailure.of("reading the size of upload " + session.id(), e);
        }
    }

    private MessageDigest hashStateAt(UploadSession session, long offset) throws IOException {
        Optional<MessageDigest> cached = hashStates.take(session.id(), offset);
        if (cached.isPresent()) {
            return cached.get();
        }
        MessageDigest sha256 = DigestAlgorithm.SHA256.newMessageDigest();
        if (offset > 0) {
            try (InputStream in = storage.reader(session.dataPath(), 0)) {
                StreamCopy.hash(in, sha256);
            }
        }
        return sha256;
    }

    private BlobRecord finish(UploadSession session, Digest expected, MessageDigest sha256, Origin origin)
            throws IOException {
        Digest actual = expected.algorithm() == DigestAlgorithm.SHA256
                ? Digest.finish(DigestAlgorithm.SHA256, sha256)
                : rehash(session, expected.algorithm());
        if (!actual.equals(expected)) {
            discard(session);
            throw new RegistryException(ErrorCode.DIGEST_INVALID,
                    "uploaded content has digest " + actual + ", not " + expected + "; nothing was stored");
        }
        long size;
        if (blobs.findBlob(expected).isPresent() && storage.stat(StorageLayout.blobData(expected)).isPresent()) {
            // Identical bytes are stored once: the existing blob serves this push too.
            size = storedSize(session);
        } else {
            size = commit(session);
            storage.move(session.dataPath(), StorageLayout.blobData(expected));
        }
        deleteQuietly(session.directory());
        BlobRecord blob = new BlobRecord(expected, size);
        blobs.linkBlob(session.repository(), blob, events.eventsFor(Action.PUSH,
                Target.blob(session.repository(), blob.digest(), OptionalLong.of(blob.size())), origin));
        sessions.deleteSession(session.id());
        hashStates.forget(session.id());
        return blob;
    }

    /**
     * Marks the upload complete (on disk: forced to stable storage) before it becomes a blob, since the
     * client is told it is stored as soon as this returns; the chunks before were only written.
     */
    private long commit(UploadSession session) throws IOException {
        try (StorageWriter writer = storage.writer(session.dataPath(), true)) {
            long size = writer.size();
            writer.commit();
            return size;
        }
    }

    private Digest rehash(UploadSession session, DigestAlgorithm algorithm) throws IOException {
        MessageDigest digest = algorithm.newMessageDigest();
        try (InputStream in = storage.reader(session.dataPath(), 0)) {
            StreamCopy.hash(in, digest);
        }
        return Digest.finish(algorithm, digest);
    }

    private void discard(UploadSession session) {
        hashStates.forget(session.id());
        deleteQuietly(session.directory());
        sessions.deleteSession(session.id());
    }

    private void deleteQuietly(String path) {
        try {
            storage.delete(path);
        } catch (PathNotFoundException alreadyGone) {
            // another request or the expiry job removed it first
        } catch (IOException e) {
            throw StorageFailure.of("deleting " + path, e);
        }
    }
}
