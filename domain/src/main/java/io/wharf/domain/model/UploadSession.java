package io.wharf.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An upload in progress. Its bytes live in the storage driver at {@link #dataPath()}; the catalog
 * row lets any instance, or the same one after a restart, find it again and expire it when abandoned.
 *
 * @param offset bytes received so far, as last recorded
 */
public record UploadSession(UUID id, RepositoryName repository, Instant startedAt, Instant updatedAt, long offset) {
    public UploadSession {
        Objects.requireNonNull(id);
        Objects.requireNonNull(repository);
        Objects.requireNonNull(startedAt);
        Objects.requireNonNull(updatedAt);
    }

    public String dataPath() {
        return StorageLayout.uploadData(repository, id);
    }

    public String directory() {
        return StorageLayout.uploadDirectory(repository, id);
    }

    public UploadSession advancedTo(long newOffset, Instant at) {
        return new UploadSession(id, repository, startedAt, at, newOffset);
    }
}
