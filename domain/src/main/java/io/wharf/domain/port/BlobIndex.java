package io.wharf.domain.port;

import io.wharf.domain.event.RegistryEvent;
import io.wharf.domain.model.BlobRecord;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.RepositoryName;

import java.util.List;
import java.util.Optional;

/** Which blobs exist and which repositories may serve them. */
public interface BlobIndex {

    /** The blob, if {@code repository} links it. */
    Optional<BlobRecord> findLinkedBlob(RepositoryName repository, Digest digest);

    /** The blob, if any repository links it (its bytes are in storage). */
    Optional<BlobRecord> findBlob(Digest digest);

    /** Records the blob and links it to the repository, creating the repository; idempotent. */
    default void linkBlob(RepositoryName repository, BlobRecord blob) {
        linkBlob(repository, blob, List.of());
    }

    /** As {@link #linkBlob(RepositoryName, BlobRecord)}, recording {@code events} in the same transaction. */
    void linkBlob(RepositoryName repository, BlobRecord blob, List<RegistryEvent> events);

    /** Removes the repository's link; false when there was none. */
    default boolean unlinkBlob(RepositoryName repository, Digest digest) {
        return unlinkBlob(repository, digest, List.of());
    }

    /** As {@link #unlinkBlob(RepositoryName, Digest)}; the events are recorded only when a link was removed. */
    boolean unlinkBlob(RepositoryName repository, Digest digest, List<RegistryEvent> events);
}
