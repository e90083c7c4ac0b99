package io.wharf.domain.model;

import java.util.UUID;

/**
 * Where things live in the storage driver. Blob paths are distribution's, so an existing
 * distribution storage can be adopted in place without copying bytes.
 */
public final class StorageLayout {
    public static final String ROOT = "/docker/registry/v2";

    private StorageLayout() {
    }

    /** {@code /docker/registry/v2/blobs/sha256/ab/abcd…/data}. */
    public static String blobData(Digest digest) {
        return ROOT + "/blobs/" + digest.algorithm().prefix() + "/" + digest.hex().substring(0, 2) + "/"
                + digest.hex() + "/data";
    }

    public static String uploadDirectory(RepositoryName repository, UUID id) {
        return ROOT + "/repositories/" + repository.value() + "/_uploads/" + id;
    }

    public static String uploadData(RepositoryName repository, UUID id) {
        return uploadDirectory(repository, id) + "/data";
    }
}
