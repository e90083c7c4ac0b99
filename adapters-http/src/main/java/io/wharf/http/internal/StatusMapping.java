package io.wharf.http.internal;

import io.helidon.http.Status;
import io.wharf.domain.error.ErrorCode;
import io.wharf.domain.error.Failure;
import io.wharf.domain.error.RegistryException;

/** The HTTP status for a failure: the one place that knows which status each {@link Failure} is. */
final class StatusMapping {
    private StatusMapping() {
    }

    static Status status(RegistryException e) {
        return status(e.code(), e.failure());
    }

    static Status status(ErrorCode code, Failure failure) {
        return switch (failure) {
            case INVALID -> Status.BAD_REQUEST_400;
            case NOT_FOUND -> Status.NOT_FOUND_404;
            case RANGE_NOT_SATISFIABLE -> Status.REQUESTED_RANGE_NOT_SATISFIABLE_416;
            case TOO_LARGE -> Status.REQUEST_ENTITY_TOO_LARGE_413;
            case UNAUTHENTICATED -> Status.UNAUTHORIZED_401;
            case FORBIDDEN -> Status.FORBIDDEN_403;
            // UNSUPPORTED as a code is an operation the registry does not offer (405); any other code
            // marked UNSUPPORTED is content it cannot accept, such as a manifest media type (415)
            case UNSUPPORTED -> code == ErrorCode.UNSUPPORTED
                    ? Status.METHOD_NOT_ALLOWED_405
                    : Status.UNSUPPORTED_MEDIA_TYPE_415;
            case THROTTLED -> Status.TOO_MANY_REQUESTS_429;
        };
    }
}
