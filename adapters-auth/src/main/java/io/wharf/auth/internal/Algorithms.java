package io.wharf.auth.internal;

import com.nimbusds.jose.JWSAlgorithm;

import java.util.Optional;
import java.util.Set;

/**
 * The signature algorithms tokens may use: only public-key ones. HMAC is refused outright because a
 * verifier that took it could be fooled into using a public key, which anyone has, as the shared secret.
 */
public final class Algorithms {
    private static final Set<JWSAlgorithm> ACCEPTED = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512,
            JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
    // Names a refusal may repeat: a name outside this list comes from the token and is not echoed.
    private static final Set<JWSAlgorithm> KNOWN = Set.of(JWSAlgorithm.ES256K, JWSAlgorithm.Ed448);

    private Algorithms() {
    }

    /** Why the algorithm is refused, or empty when it is accepted. */
    public static Optional<String> refusal(JWSAlgorithm algorithm) {
        if (ACCEPTED.contains(algorithm)) {
            return Optional.empty();
        }
        if (JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
            return Optional.of("HMAC-signed tokens (" + algorithm + ") are refused: only public-key signatures are accepted");
        }
        if (KNOWN.contains(algorithm)) {
            return Optional.of("the token's algorithm " + algorithm + " is not accepted (only RS*, PS*, ES256/384/512 and EdDSA)");
        }
        return Optional.of("the token's algorithm is not supported (only RS*, PS*, ES256/384/512 and EdDSA)");
    }
}
