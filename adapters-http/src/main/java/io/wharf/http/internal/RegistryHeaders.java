package io.wharf.http.internal;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;

/** Header names and fixed values the API uses, created once because every request sends some. */
final class RegistryHeaders {
    static final HeaderName DOCKER_CONTENT_DIGEST = HeaderNames.create("Docker-Content-Digest");
    static final HeaderName DOCKER_UPLOAD_UUID = HeaderNames.create("Docker-Upload-UUID");
    static final HeaderName OCI_SUBJECT = HeaderNames.create("OCI-Subject");
    static final HeaderName OCI_CHUNK_MIN_LENGTH = HeaderNames.create("OCI-Chunk-Min-Length");
    static final HeaderName OCI_FILTERS_APPLIED = HeaderNames.create("OCI-Filters-Applied");

    static final Header API_VERSION = HeaderValues.createCached("Docker-Distribution-API-Version", "registry/2.0");
    static final Header JSON = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/json");
    static final Header OCTET_STREAM = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/octet-stream");
    static final Header OCI_INDEX = HeaderValues.createCached(HeaderNames.CONTENT_TYPE,
            "application/vnd.oci.image.index.v1+json");
    static final Header ACCEPT_RANGES_BYTES = HeaderValues.createCached(HeaderNames.ACCEPT_RANGES, "bytes");
    static final Header CONTENT_LENGTH_ZERO = HeaderValues.CONTENT_LENGTH_ZERO;
    static final Header FILTERS_ARTIFACT_TYPE = HeaderValues.createCached(OCI_FILTERS_APPLIED, "artifactType");

    private RegistryHeaders() {
    }
}
