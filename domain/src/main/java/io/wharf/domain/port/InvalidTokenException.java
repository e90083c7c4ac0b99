package io.wharf.domain.port;

/** A bearer token that does not hold: bad signature, wrong issuer or audience, expired, malformed. */
public final class InvalidTokenException extends RuntimeException {

    public InvalidTokenException(String reason) {
        super(reason, null, false, false);
    }
}
