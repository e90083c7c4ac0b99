package io.wharf.http;

import java.util.Objects;

/**
 * A GET endpoint of the admin port (metrics, health): plain HTTP, no access control, meant for the
 * operator's network only, like distribution's debug port.
 */
@FunctionalInterface
public interface AdminEndpoint {

    Response get();

    /** What the endpoint answers: a status, a content type and the body. */
    record Response(int status, String contentType, byte[] body) {
        public Response {
            Objects.requireNonNull(contentType);
            Objects.requireNonNull(body);
        }
    }
}
