package io.wharf.domain.port;

import io.wharf.domain.model.BlobRecord;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.RepositoryName;

import java.util.Optional;

/** Which blobs exist and which repositories may serve them. */
public interface BlobIndex {

    /** The blob, if {@code repository} links it. */
    Optional<BlobRecord> findLinkedBlob(RepositoryName repository, Digest digest);

    /** The blob, if any repository links it (its bytes are in storage). */
    Optional<BlobRecord> findBlob(Digest digest);

    /** Records the blob and links it to the repository, creating the repository; idempotent. */
    void linkBlob(RepositoryName repository, BlobRecord blob);

    /** Removes the repository's link; false when there was none. */
    boolean unlinkBlob(RepositoryName repository, Digest digest);
}
