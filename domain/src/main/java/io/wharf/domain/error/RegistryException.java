package io.wharf.domain.error;

import java.util.Objects;

/** A failure the client caused or must hear about: carries the spec's code and a clear detail. */
public final class RegistryException extends RuntimeException {
    private final ErrorCode code;
    private final Failure failure;

    public RegistryException(ErrorCode code, String detail) {
        this(code, code.defaultFailure(), detail);
    }

    public RegistryException(ErrorCode code, Failure failure, String detail) {
        super(detail, null, false, false);
        this.code = Objects.requireNonNull(code);
        this.failure = Objects.requireNonNull(failure);
    }

    public ErrorCode code() {
        return code;
    }

    public Failure failure() {
        return failure;
    }

    public String detail() {
        return getMessage();
    }
}
