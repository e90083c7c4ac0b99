package io.wharf.storage.gcs;

import com.google.cloud.storage.Blob;

/**
 * What a writer found at its path when it opened: how much to continue from, and the generation that later
 * requests name as a precondition so that a concurrent change fails them instead of being overwritten.
 *
 * @param generation 0 when the service reported none (GCS always does; Google's in-process fake does not for
 *                   objects made by a one-shot upload), in which case no precondition is sent
 * @param componentCount how many compose components the object is made of (1 for an uploaded object)
 */
record StoredObject(long size, long generation, int componentCount) {

    static StoredObject of(Blob blob) {
        Long size = blob.getSize();
        Long generation = blob.getGeneration();
        Integer components = blob.getComponentCount();
        return new StoredObject(size == null ? 0 : size, generation == null ? 0 : generation,
                components == null ? 1 : components);
    }
}
