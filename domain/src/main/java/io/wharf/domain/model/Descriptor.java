package io.wharf.domain.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A content descriptor: what a manifest says about a blob or another manifest it references. */
public record Descriptor(String mediaType, Digest digest, long size, Optional<String> artifactType,
                         Map<String, String> annotations) {
    public Descriptor {
        Objects.requireNonNull(mediaType);
        Objects.requireNonNull(digest);
        Objects.requireNonNull(artifactType);
        annotations = Map.copyOf(annotations);
    }

    public Descriptor(String mediaType, Digest digest, long size) {
        this(mediaType, digest, size, Optional.empty(), Map.of());
    }
}
