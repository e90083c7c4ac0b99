package io.wharf.domain.model;

import java.util.Optional;

/** The four manifest formats the registry stores, each with its media type. */
public enum ManifestKind {
    OCI_IMAGE_MANIFEST("application/vnd.oci.image.manifest.v1+json", false),
    OCI_IMAGE_INDEX("application/vnd.oci.image.index.v1+json", true),
    DOCKER_MANIFEST_V2("application/vnd.docker.distribution.manifest.v2+json", false),
    DOCKER_MANIFEST_LIST("application/vnd.docker.distribution.manifest.list.v2+json", true);

    private final String mediaType;
    private final boolean index;

    ManifestKind(String mediaType, boolean index) {
        this.mediaType = mediaType;
        this.index = index;
    }

    public String mediaType() {
        return mediaType;
    }

    /** True for kinds that list other manifests rather than blobs. */
    public boolean isIndex() {
        return index;
    }

    public static Optional<ManifestKind> byMediaType(String mediaType) {
        for (ManifestKind kind : values()) {
            if (kind.mediaType.equals(mediaType)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
