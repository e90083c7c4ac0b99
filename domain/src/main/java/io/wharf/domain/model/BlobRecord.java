package io.wharf.domain.model;

import java.util.Objects;

/** A stored blob as the catalog knows it. */
public record BlobRecord(Digest digest, long size) {
    public BlobRecord {
        Objects.requireNonNull(digest);
        if (size < 0) {
            throw new IllegalArgumentException("size " + size + " < 0");
        }
    }
}
