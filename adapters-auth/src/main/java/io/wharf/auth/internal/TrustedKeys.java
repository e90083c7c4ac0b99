package io.wharf.auth.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jwt.SignedJWT;
import io.wharf.domain.port.InvalidTokenException;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a token's signature comes from a trusted key. Three sources, as distribution has them:
 * an {@code x5c} chain leading to the certificate bundle (then its leaf is the only key tried); otherwise
 * the configured keys (bundle certificates and extra keys) and the JWKS. External issuers put a
 * libtrust-style {@code kid} in the header that cannot be matched against a key cheaply, so every
 * configured key of the right type is tried, the one whose thumbprint is the {@code kid} first. The JWKS
 * is asked only when no configured key verifies, so tokens of the built-in issuer never cause a fetch.
 * The token's own {@code jwk}, {@code jku} and {@code x5u} headers are ignored: a token cannot vouch for itself.
 */
public final class TrustedKeys {
    private final List<VerificationKey> configured;
    private final Optional<CertificateBundle> bundle;
    private final Optional<JwksKeys> jwks;

    public TrustedKeys(List<VerificationKey> configured, Optional<CertificateBundle> bundle, Optional<JwksKeys> jwks) {
        this.configured = List.copyOf(configured);
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        this.jwks = Objects.requireNonNull(jwks, "jwks");
    }

    /** Returns when the signature verifies; InvalidTokenException saying why not otherwise. */
    public void check(SignedJWT token, Instant now) {
        JWSHeader header = token.getHeader();
        if (header.getX509CertChain() != null) {
            checkChain(token, now);
            return;
        }
        JWSAlgorithm algorithm = header.getAlgorithm();
        String kid = header.getKeyID();
        List<VerificationKey> candidates = configured.stream()
                .filter(k -> k.fits(algorithm))
                .sorted(Comparator.comparing((VerificationKey k) -> !k.id().equals(kid)))
                .toList();
        boolean named = false;
        for (VerificationKey key : candidates) {
            named |= key.id().equals(kid);
            if (key.verifies(token)) {
                return;
            }
        }
        int tried = candidates.size();
        if (jwks.isPresent()) {
            List<VerificationKey> published = published(header, tried);
            for (VerificationKey key : published) {
                named |= kid != null && key.id().equals(kid);
                if (key.verifies(token)) {
                    return;
                }
            }
            tried += published.size();
            if (tried == 0 && kid != null) {
                throw new InvalidTokenException("no trusted key has the token's key id");
            }
        }
        if (tried == 0) {
            throw new InvalidTokenException("no trusted key fits the token's algorithm " + algorithm);
        }
        throw new InvalidTokenException(named
                ? "the signature does not verify with the key the token's key id names"
                : "the signature does not verify with any trusted key");
    }

    private List<VerificationKey> published(JWSHeader header, int triedBefore) {
        try {
            return jwks.orElseThrow().keysFor(header);
        } catch (RateLimitReachedException e) {
            throw new InvalidTokenException("no trusted key has the token's key id, and the issuer's key set was"
                    + " fetched too recently to look again");
        } catch (KeySourceException e) {
            String unreachable = "the issuer's key set could not be fetched from " + jwks.orElseThrow().url();
            throw new InvalidTokenException(triedBefore == 0 ? unreachable
                    : "the signature does not verify with any configured key, and " + unreachable);
        }
    }

    private void checkChain(SignedJWT token, Instant now) {
        if (bundle.isEmpty()) {
            throw new InvalidTokenException("the token carries an x5c certificate chain, but no root certificate bundle is configured");
        }
        X509Certificate leaf = bundle.get().trustedLeaf(token.getHeader().getX509CertChain(), now)
                .orElseThrow(() -> new InvalidTokenException("the token's x5c certificate chain does not lead to a trusted certificate"));
        VerificationKey key = VerificationKey.of(leaf.getPublicKey())
                .filter(k -> k.fits(token.getHeader().getAlgorithm()))
                .orElseThrow(() -> new InvalidTokenException("the x5c certificate's key does not fit the token's algorithm "
                        + token.getHeader().getAlgorithm()));
        if (!key.verifies(token)) {
            throw new InvalidTokenException("the signature does not verify with the x5c certificate's key");
        }
    }
}
