package io.wharf.application.port.in;

import java.util.Objects;

/** The four use cases of the distribution API, as one caller may use them. */
public record RegistryUseCases(BlobUploads blobUploads, BlobReads blobReads, Manifests manifests, Listings listings) {
    public RegistryUseCases {
        Objects.requireNonNull(blobUploads, "blobUploads");
        Objects.requireNonNull(blobReads, "blobReads");
        Objects.requireNonNull(manifests, "manifests");
        Objects.requireNonNull(listings, "listings");
    }
}
