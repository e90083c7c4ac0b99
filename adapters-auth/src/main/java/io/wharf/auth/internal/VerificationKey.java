package io.wharf.auth.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * A public key a token may be signed with, and Nimbus's verifier for it.
 *
 * @param id the key's id: its RFC 7638 thumbprint for configured keys (what the built-in issuer puts
 *           in {@code kid}), the JWKS {@code kid} for fetched ones, empty when there is none
 */
public record VerificationKey(String id, JWK jwk, JWSVerifier verifier) {
    public VerificationKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(jwk, "jwk");
        Objects.requireNonNull(verifier, "verifier");
    }

    /** A configured key, named by its thumbprint; empty for key types no accepted algorithm uses (DSA, Ed448, other curves). */
    public static Optional<VerificationKey> of(PublicKey key) {
        Optional<JWK> jwk = switch (key) {
            case RSAPublicKey rsa -> Optional.of(new RSAKey.Builder(rsa).build());
            case ECPublicKey ec -> Optional.ofNullable(Curve.forECParameterSpec(ec.getParams()))
                    .map(curve -> new ECKey.Builder(curve, ec).build());
            default -> Ed25519Keys.toJwk(key).map(JWK.class::cast);
        };
        return jwk.flatMap(k -> {
            try {
                return of(k.computeThumbprint().toString(), k);
            } catch (JOSEException e) {
                return Optional.empty();
            }
        });
    }

    /** A key from a JWKS, named by its {@code kid}; only its public part is kept. */
    public static Optional<VerificationKey> of(JWK jwk) {
        return of(Objects.requireNonNullElse(jwk.getKeyID(), ""), jwk.toPublicJWK());
    }

    private static Optional<VerificationKey> of(String id, JWK jwk) {
        try {
            JWSVerifier verifier = switch (jwk) {
                case RSAKey rsa -> new RSASSAVerifier(rsa);
                case ECKey ec -> new ECDSAVerifier(ec);
                case OctetKeyPair okp when Curve.Ed25519.equals(okp.getCurve()) -> new Ed25519Verifier(okp);
                default -> null;
            };
            return verifier == null ? Optional.empty() : Optional.of(new VerificationKey(id, jwk, verifier));
        } catch (JOSEException e) {
            // Nimbus refuses the key (an EC curve it cannot verify with): it cannot check any token.
            return Optional.empty();
        }
    }

    /** Whether a signature made with {@code algorithm} could be this key's: right key type, right curve. */
    public boolean fits(JWSAlgorithm algorithm) {
        return switch (jwk) {
            case RSAKey rsa -> JWSAlgorithm.Family.RSA.contains(algorithm);
            case ECKey ec -> JWSAlgorithm.Family.EC.contains(algorithm) && Curve.forJWSAlgorithm(algorithm).contains(ec.getCurve());
            case OctetKeyPair okp -> JWSAlgorithm.EdDSA.equals(algorithm) || JWSAlgorithm.Ed25519.equals(algorithm);
            default -> false;
        };
    }

    /** Whether the token's signature verifies with this key. */
    public boolean verifies(SignedJWT token) {
        try {
            return token.verify(verifier);
        } catch (JOSEException e) {
            // Nimbus throws rather than answers false for some mismatches (algorithm, key size): still a no.
            return false;
        }
    }
}
