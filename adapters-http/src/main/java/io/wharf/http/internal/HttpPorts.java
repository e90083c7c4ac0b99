package io.wharf.http.internal;

import io.wharf.application.port.in.BlobReads;
import io.wharf.application.port.in.BlobUploads;
import io.wharf.application.port.in.Listings;
import io.wharf.application.port.in.Manifests;

import java.util.Objects;

/** The four use cases the HTTP API calls. */
public record HttpPorts(BlobUploads blobUploads, BlobReads blobReads, Manifests manifests, Listings listings) {
    public HttpPorts {
        Objects.requireNonNull(blobUploads, "blobUploads");
        Objects.requireNonNull(blobReads, "blobReads");
        Objects.requireNonNull(manifests, "manifests");
        Objects.requireNonNull(listings, "listings");
    }
}
