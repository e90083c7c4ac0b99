package io.wharf.http.internal;

import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wharf.domain.auth.AccessDeniedException;
import io.wharf.domain.error.RegistryException;
import io.wharf.domain.json.JsonWriter;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the spec's error body {@code {"errors":[{"code","message","detail"}]}}. Headers a handler
 * already set (a 416's Range and Location, say) stay on the response.
 */
final class ErrorResponses {
    /** Distribution's code for a failure that is ours, not the client's; the body never says more. */
    static final String INTERNAL_CODE = "UNKNOWN";
    private static final byte[] INTERNAL_BODY = body(INTERNAL_CODE, "internal server error", "see the registry log");

    private ErrorResponses() {
    }

    static void send(ServerRequest req, ServerResponse res, RegistryException e) {
        send(req, res, StatusMapping.status(e), body(e.code().name(), e.code().message(), e.detail()));
    }

    static void send(ServerRequest req, ServerResponse res, AccessDeniedException e) {
        e.challenge().ifPresent(c -> res.header(ChallengeHeader.NAME, ChallengeHeader.value(c)));
        send(req, res, StatusMapping.status(e.code(), e.code().defaultFailure()),
                body(e.code().name(), e.code().message(), e.detail()));
    }

    static void send(ServerRequest req, ServerResponse res, HttpProblem p) {
        send(req, res, p.status(), body(p.code(), p.message(), p.getMessage()));
    }

    static void internal(ServerRequest req, ServerResponse res) {
        send(req, res, Status.INTERNAL_SERVER_ERROR_500, INTERNAL_BODY);
    }

    static byte[] body(String code, String message, String detail) {
        Map<String, Object> error = new LinkedHashMap<>(4);
        error.put("code", code);
        error.put("message", message);
        error.put("detail", detail);
        return JsonWriter.write(Map.of("errors", List.of(error))).getBytes(StandardCharsets.UTF_8);
    }

    private static void send(ServerRequest req, ServerResponse res, Status status, byte[] body) {
        res.status(status);
        res.header(RegistryHeaders.JSON);
        if (Method.HEAD.equals(req.prologue().method())) {
            // a HEAD answer has no content; the status alone tells the client
            res.send();
        } else {
            res.send(body);
        }
    }
}
