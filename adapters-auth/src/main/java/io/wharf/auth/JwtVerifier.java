package io.wharf.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.wharf.auth.internal.Algorithms;
import io.wharf.auth.internal.CertificateBundle;
import io.wharf.auth.internal.ClaimRules;
import io.wharf.auth.internal.CompactToken;
import io.wharf.auth.internal.JwksKeys;
import io.wharf.auth.internal.TrustedKeys;
import io.wharf.auth.internal.VerificationKey;
import io.wharf.domain.auth.TokenClaims;
import io.wharf.domain.port.InvalidTokenException;
import io.wharf.domain.port.TokenVerifier;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies Docker registry tokens (JWS compact JWTs) from the built-in issuer or an external one
 * (distribution's token server, docker_auth, GitLab, Harbor, any OIDC provider with a JWKS).
 *
 * <p>Only public-key signatures are accepted (RS*, PS*, ES256/384/512, EdDSA with Ed25519): unsigned
 * tokens and HMAC are refused whatever the keys. The signature must verify with a trusted key (see
 * {@link JwtVerifierSettings}), then {@code iss}, {@code aud}, {@code exp} (required) and {@code nbf} are
 * checked, and the {@code access} claim is read into scopes. A refusal is an
 * {@link InvalidTokenException} saying what failed, never quoting the token.
 */
public final class JwtVerifier implements TokenVerifier {
    private final TrustedKeys keys;
    private final ClaimRules rules;
    private final Clock clock;

    /**
     * IllegalArgumentException, naming the file, when the certificate bundle cannot be read or holds no
     * certificate. The JWKS is first fetched when a token needs it.
     */
    public JwtVerifier(JwtVerifierSettings settings) {
        this(settings, Clock.systemUTC());
    }

    JwtVerifier(JwtVerifierSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        Optional<CertificateBundle> bundle = settings.rootCertBundle().map(CertificateBundle::read);
        List<VerificationKey> configured = new ArrayList<>();
        for (PublicKey key : settings.trusted()) {
            configured.add(VerificationKey.of(key).orElseThrow(() -> new IllegalArgumentException(
                    "a trusted " + key.getAlgorithm() + " key cannot verify tokens: use RSA, EC P-256/384/521 or Ed25519")));
        }
        // A bundle certificate whose key no accepted algorithm uses still anchors x5c chains, so it is kept
        // in the bundle and only left out here.
        bundle.ifPresent(b -> b.certificates().stream().map(X509Certificate::getPublicKey)
                .map(VerificationKey::of).flatMap(Optional::stream).forEach(configured::add));
        this.keys = new TrustedKeys(configured, bundle, settings.jwksUrl().map(JwksKeys::new));
        this.rules = new ClaimRules(settings.issuer(), settings.audience(), settings.clockSkew());
    }

    @Override
    public TokenClaims verify(String token) {
        SignedJWT jwt = CompactToken.parse(token);
        Algorithms.refusal(jwt.getHeader().getAlgorithm()).ifPresent(reason -> {
            throw new InvalidTokenException(reason);
        });
        Instant now = clock.instant();
        keys.check(jwt, now);
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTokenException("malformed token: its claims are unreadable");
        }
        return rules.check(claims, now);
    }
}
