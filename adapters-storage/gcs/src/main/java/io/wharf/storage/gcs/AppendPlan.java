package io.wharf.storage.gcs;

/**
 * How a writer with {@code append} turns "stored bytes + new bytes" into one object at close. GCS objects are
 * immutable, so every plan makes a new generation of the object, and the old one stays readable until then.
 */
enum AppendPlan {
    /** Nothing (or nothing but an empty object) is stored: the new bytes are the whole object. */
    UPLOAD,
    /**
     * A small object: its bytes are streamed into the new upload ahead of the new ones. Costs one extra read and
     * re-upload of less than one chunk, and keeps the object a plain (non-composite) one.
     */
    COPY_FORWARD,
    /**
     * A large object: the new bytes go to a temporary object, then GCS composes [stored, temporary] into the
     * path server-side, so no stored byte travels again however large the upload grows.
     */
    COMPOSE;

    /** GCS refuses a compose whose result would have more components than this. */
    static final int MAX_COMPONENTS = 1024;

    /**
     * Composing only pays off once the stored part is at least a chunk; and an object already at the component
     * limit can only be continued by copying it forward, which also makes it a plain object again.
     */
    static AppendPlan choose(StoredObject stored, int chunkSize) {
        if (stored == null || stored.size() == 0) {
            return UPLOAD;
        }
        if (stored.size() < chunkSize || stored.componentCount() + 1 > MAX_COMPONENTS) {
            return COPY_FORWARD;
        }
        return COMPOSE;
    }
}
