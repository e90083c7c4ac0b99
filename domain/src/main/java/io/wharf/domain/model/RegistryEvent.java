package io.wharf.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Something that happened to the registry's content, for the event publisher.
 *
 * @param mediaType and {@code size} are known for pushes and mounts, not always for deletes
 */
public record RegistryEvent(Action action, RepositoryName repository, Digest digest, Optional<String> mediaType,
                            OptionalLong size, Optional<Tag> tag, Optional<RepositoryName> fromRepository,
                            Instant timestamp) {
    public enum Action { PUSH, PULL, DELETE, MOUNT }

    public RegistryEvent {
        Objects.requireNonNull(action);
        Objects.requireNonNull(repository);
        Objects.requireNonNull(digest);
        Objects.requireNonNull(mediaType);
        Objects.requireNonNull(size);
        Objects.requireNonNull(tag);
        Objects.requireNonNull(fromRepository);
        Objects.requireNonNull(timestamp);
    }
}
