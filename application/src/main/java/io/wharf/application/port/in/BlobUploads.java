package io.wharf.application.port.in;

import io.wharf.domain.event.Origin;
import io.wharf.domain.model.BlobRecord;
import io.wharf.domain.model.ByteRange;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.RepositoryName;

import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;

/** Pushing blobs: upload sessions, monolithic uploads and cross-repository mounts. */
public interface BlobUploads {

    /** Opens an upload session. */
    UploadStatus start(RepositoryName repository);

    /** Stores {@code body} as one blob in one request; DIGEST_INVALID (nothing stored) when it does not hash to {@code expected}. */
    BlobRecord uploadWhole(RepositoryName repository, Digest expected, InputStream body, Origin origin);

    /**
     * Appends a chunk. With a range, its first byte must be the session's current offset, else
     * BLOB_UPLOAD_INVALID with {@code Failure.RANGE_NOT_SATISFIABLE} (HTTP 416).
     */
    UploadStatus append(RepositoryName repository, UUID session, Optional<ByteRange> range, InputStream body);

    UploadStatus status(RepositoryName repository, UUID session);

    /** Appends the optional last chunk, checks the digest, and makes the blob visible in the repository. */
    BlobRecord complete(RepositoryName repository, UUID session, Digest expected, Optional<InputStream> lastChunk,
                        Origin origin);

    void cancel(RepositoryName repository, UUID session);

    /**
     * Links a blob that {@code from} has into {@code repository}. Empty when {@code from} is absent or
     * lacks the blob: the client then uploads it (as distribution, no guessing of a source).
     */
    Optional<BlobRecord> mount(RepositoryName repository, Digest digest, Optional<RepositoryName> from, Origin origin);

    /** Where an upload stands: the session and how many bytes it holds. */
    record UploadStatus(RepositoryName repository, UUID session, long offset) {
    }
}
