package io.wharf.http;

import java.time.Duration;

/**
 * One request the server has answered, as the access log and the request metrics see it.
 *
 * @param method   the HTTP method
 * @param route    the route template, e.g. {@code /v2/{name}/manifests/{reference}}; empty when the path named no
 *                 endpoint or its parameters were invalid, so the raw path (unbounded) never becomes a label
 * @param status   the status code sent
 * @param bytesIn  request body bytes read
 * @param bytesOut response body bytes written (a response without Content-Length counts its headers too)
 * @param duration from the request line read to the response sent
 * @param user     the signed-in user, empty for anonymous callers
 * @param client   the client's address and port
 */
public record CompletedRequest(String method, String route, int status, long bytesIn, long bytesOut,
                               Duration duration, String user, String client) {
}
