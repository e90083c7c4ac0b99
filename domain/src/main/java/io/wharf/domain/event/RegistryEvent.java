package io.wharf.domain.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Something that happened to the registry's content, recorded with the change that caused it and
 * sent to every notification endpoint. The id is made once, when the event is recorded, and stays
 * the same on every delivery attempt, so receivers can drop duplicates.
 */
public record RegistryEvent(UUID id, Instant timestamp, Action action, Target target, Origin origin, Source source) {
    public RegistryEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(source, "source");
    }
}
