package io.wharf.http.internal;

import io.wharf.domain.error.ErrorCode;
import io.wharf.domain.error.Failure;
import io.wharf.domain.error.RegistryException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatusMappingTest {

    @Test
    void every_failure_has_its_status() {
        assertEquals(400, status(ErrorCode.MANIFEST_INVALID, Failure.INVALID));
        assertEquals(404, status(ErrorCode.BLOB_UNKNOWN, Failure.NOT_FOUND));
        assertEquals(416, status(ErrorCode.BLOB_UPLOAD_INVALID, Failure.RANGE_NOT_SATISFIABLE));
        assertEquals(413, status(ErrorCode.MANIFEST_INVALID, Failure.TOO_LARGE));
        assertEquals(401, status(ErrorCode.UNAUTHORIZED, Failure.UNAUTHENTICATED));
        assertEquals(403, status(ErrorCode.DENIED, Failure.FORBIDDEN));
        assertEquals(405, status(ErrorCode.UNSUPPORTED, Failure.UNSUPPORTED));
        assertEquals(415, status(ErrorCode.MANIFEST_INVALID, Failure.UNSUPPORTED));
        assertEquals(429, status(ErrorCode.TOOMANYREQUESTS, Failure.THROTTLED));
    }

    @Test
    void every_code_with_its_default_failure_is_a_client_error() {
        for (ErrorCode code : ErrorCode.values()) {
            int status = StatusMapping.status(new RegistryException(code, "x")).code();
            assertEquals(4, status / 100, code + " -> " + status);
        }
    }

    @Test
    void error_body_is_the_spec_shape() {
        String body = new String(ErrorResponses.body("BLOB_UNKNOWN", "blob unknown to registry", "no \"x\""),
                StandardCharsets.UTF_8);
        assertEquals("{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\","
                + "\"detail\":\"no \\\"x\\\"\"}]}", body);
    }

    private static int status(ErrorCode code, Failure failure) {
        return StatusMapping.status(new RegistryException(code, failure, "d")).code();
    }
}
