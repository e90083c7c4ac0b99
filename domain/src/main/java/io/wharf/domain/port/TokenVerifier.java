package io.wharf.domain.port;

import io.wharf.domain.auth.TokenClaims;

/** Checks a bearer token's signature, issuer, audience and validity period, and reads its claims. */
@FunctionalInterface
public interface TokenVerifier {

    /** The token's claims; InvalidTokenException, naming what failed but never the token, when it does not hold. */
    TokenClaims verify(String token);
}
