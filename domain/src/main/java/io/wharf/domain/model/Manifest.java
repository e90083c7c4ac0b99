package io.wharf.domain.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed manifest and its exact bytes. The payload is what clients get back byte for byte; the
 * other fields are what the registry needs to check references and answer referrers queries.
 *
 * @param blobs     blobs the manifest needs in the repository (config and layers); empty for an index
 * @param children  manifests an index lists; empty for an image manifest
 */
public record Manifest(ManifestKind kind, Digest digest, byte[] payload, Optional<Descriptor> config,
                       List<Descriptor> blobs, List<Descriptor> children, Optional<Descriptor> subject,
                       Optional<String> artifactType, Map<String, String> annotations) {
    public Manifest {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(digest);
        Objects.requireNonNull(payload);
        Objects.requireNonNull(config);
        Objects.requireNonNull(subject);
        Objects.requireNonNull(artifactType);
        blobs = List.copyOf(blobs);
        children = List.copyOf(children);
        annotations = Map.copyOf(annotations);
    }

    public String mediaType() {
        return kind.mediaType();
    }

    public long size() {
        return payload.length;
    }

    /**
     * The artifact type a referrers response reports: the manifest's own {@code artifactType}, else
     * its config media type (OCI image manifests only), as the spec says.
     */
    public Optional<String> effectiveArtifactType() {
        if (artifactType.isPresent()) {
            return artifactType;
        }
        return kind == ManifestKind.OCI_IMAGE_MANIFEST ? config.map(Descriptor::mediaType) : Optional.empty();
    }

    public Descriptor descriptor() {
        return new Descriptor(kind.mediaType(), digest, payload.length, effectiveArtifactType(), annotations);
    }
}
