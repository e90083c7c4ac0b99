package io.wharf.http.internal;

import io.wharf.domain.model.Digest;
import io.wharf.domain.model.Reference;
import io.wharf.domain.model.RepositoryName;

import java.util.UUID;

/** Every endpoint of the distribution API, with its path parameters already validated. */
sealed interface RegistryRoute {

    /** The route template telemetry names the request by (bounded, unlike the path); empty for no endpoint. */
    String template();

    /** {@code /v2/}: the API version check. */
    record Base() implements RegistryRoute {
        @Override
        public String template() {
            return "/v2/";
        }
    }

    /** {@code /v2/_catalog}. */
    record Catalog() implements RegistryRoute {
        @Override
        public String template() {
            return "/v2/_catalog";
        }
    }

    /** {@code /v2/<name>/tags/list}. */
    record TagList(RepositoryName repository) implements RegistryRoute {
        @Override
        public String template() {
            return "/v2/{name}/tags/list";
        }
    }

    /** {@code /v2/<name>/manifests/<reference>}. */
    record Manifest(RepositoryName repository, Reference reference) implements RegistryRoute {
        @Override
        public String template() {
            return "/v2/{name}/manifests/{reference}";
        }
    }

    /** {@code /v2/<name>/blobs/<digest>}. */
    record Blob(RepositoryName repository, Digest digest) implements RegistryRoute {
        @Override
        public String template() {
            return "/v2/{name}/blobs/{digest}";
        }
    }

    /** {@code /v2/<name>/blobs/uploads/}: opening an upload, monolithic upload or mount. */
    record UploadStart(RepositoryName repository) implements RegistryRoute {
        @Override
        public String template() {
            return "/v2/{name}/blobs/uploads/";
        }
    }

    /** {@code /v2/<name>/blobs/uploads/<uuid>}. */
    record Upload(RepositoryName repository, UUID session) implements RegistryRoute {
        @Override
        public String template() {
            return "/v2/{name}/blobs/uploads/{session}";
        }
    }

    /** {@code /v2/<name>/referrers/<digest>}. */
    record Referrers(RepositoryName repository, Digest subject) implements RegistryRoute {
        @Override
        public String template() {
            return "/v2/{name}/referrers/{digest}";
        }
    }

    /** A path that names no endpoint. */
    record Unknown(String path) implements RegistryRoute {
        @Override
        public String template() {
            return "";
        }
    }
}
