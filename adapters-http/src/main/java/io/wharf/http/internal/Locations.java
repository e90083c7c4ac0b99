package io.wharf.http.internal;

import io.wharf.domain.model.Digest;
import io.wharf.domain.model.RepositoryName;

import java.util.UUID;

/** The relative URLs responses point to; the spec allows relative Location values. */
final class Locations {
    private Locations() {
    }

    static String blob(RepositoryName repository, Digest digest) {
        return "/v2/" + repository.value() + "/blobs/" + digest;
    }

    static String manifest(RepositoryName repository, Digest digest) {
        return "/v2/" + repository.value() + "/manifests/" + digest;
    }

    static String upload(RepositoryName repository, UUID session) {
        return "/v2/" + repository.value() + "/blobs/uploads/" + session;
    }
}
