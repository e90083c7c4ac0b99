package io.wharf.storage.gcs;

import com.google.cloud.storage.BlobId;

import io.wharf.domain.port.StoragePaths;

/**
 * Maps storage paths to object names in one bucket: the root directory's prefix, then the path without its
 * leading '/'. {@code prefix} is empty or ends with '/'.
 */
record ObjectNames(String bucket, String prefix) {

    BlobId blob(String path) {
        return BlobId.of(bucket, name(path));
    }

    /** The object at {@code path} as it was at {@code generation}; 0 means whichever is current. */
    BlobId blob(String path, long generation) {
        return generation == 0 ? blob(path) : BlobId.of(bucket, name(path), generation);
    }

    String name(String path) {
        return prefix + path.substring(1);
    }

    /** The prefix every object below the directory {@code path} has; for the root, the root directory's. */
    String directoryPrefix(String path) {
        return StoragePaths.ROOT.equals(path) ? prefix : name(path) + "/";
    }

    /** The storage path of an object name (or listing prefix, without its trailing '/') under {@link #prefix}. */
    String path(String name) {
        return "/" + name.substring(prefix.length());
    }

    /** How errors name the object at {@code path}: {@code gs://bucket/name}. */
    String describe(String path) {
        return describeName(name(path));
    }

    /** How errors name an object or a prefix of names. */
    String describeName(String name) {
        return "gs://" + bucket + "/" + name;
    }
}
