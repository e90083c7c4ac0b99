package io.wharf.http.internal;

import io.helidon.http.Status;

/**
 * A client error that exists only in HTTP and has no {@code ErrorCode} in the domain, e.g. a bad
 * {@code n} query parameter (distribution's PAGINATION_NUMBER_INVALID).
 */
final class HttpProblem extends RuntimeException {
    private final Status status;
    private final String code;
    private final String message;

    HttpProblem(Status status, String code, String message, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.message = message;
    }

    Status status() {
        return status;
    }

    String code() {
        return code;
    }

    String message() {
        return message;
    }
}
