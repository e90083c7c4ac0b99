package io.wharf.domain.auth;

import io.wharf.domain.error.ErrorCode;

import java.util.Objects;
import java.util.Optional;

/**
 * A request refused by access control: {@code UNAUTHORIZED} (401) with a challenge when credentials
 * are missing, wrong, or a token falls short; {@code DENIED} (403) when a signed-in user lacks a right.
 * The detail never holds a secret.
 */
public final class AccessDeniedException extends RuntimeException {
    private final ErrorCode code;
    private final Optional<Challenge> challenge;

    private AccessDeniedException(ErrorCode code, String detail, Optional<Challenge> challenge) {
        super(detail, null, false, false);
        this.code = code;
        this.challenge = Objects.requireNonNull(challenge);
    }

    public static AccessDeniedException unauthorized(String detail, Challenge challenge) {
        return new AccessDeniedException(ErrorCode.UNAUTHORIZED, detail, Optional.of(challenge));
    }

    public static AccessDeniedException denied(String detail) {
        return new AccessDeniedException(ErrorCode.DENIED, detail, Optional.empty());
    }

    public ErrorCode code() {
        return code;
    }

    public Optional<Challenge> challenge() {
        return challenge;
    }

    public String detail() {
        return getMessage();
    }
}
