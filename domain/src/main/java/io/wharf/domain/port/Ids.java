package io.wharf.domain.port;

import java.util.UUID;

/** Where new identifiers come from, so tests can make them predictable. */
public interface Ids {
    UUID newUploadId();

    static Ids random() {
        return UUID::randomUUID;
    }
}
