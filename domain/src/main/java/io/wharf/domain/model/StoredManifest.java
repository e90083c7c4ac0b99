package io.wharf.domain.model;

import java.util.Objects;

/** A manifest as a GET returns it: its media type, digest and exact bytes. */
public record StoredManifest(String mediaType, Digest digest, byte[] payload) {
    public StoredManifest {
        Objects.requireNonNull(mediaType);
        Objects.requireNonNull(digest);
        Objects.requireNonNull(payload);
    }

    public long size() {
        return payload.length;
    }
}
