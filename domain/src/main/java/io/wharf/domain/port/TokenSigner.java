package io.wharf.domain.port;

import io.wharf.domain.auth.TokenClaims;

/** Signs the built-in issuer's tokens (a JWS compact serialization, issuer set by the signer). */
@FunctionalInterface
public interface TokenSigner {

    String sign(TokenClaims claims);
}
