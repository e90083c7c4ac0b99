package io.wharf.auth;

import java.net.URI;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link JwtVerifier} accepts.
 *
 * @param issuer         the {@code iss} every token must carry
 * @param audience       the registry's service name, which the token's {@code aud} (a string or an array)
 *                       must be or contain
 * @param clockSkew      how far the clocks of issuer and registry may drift: {@code exp} and {@code nbf}
 *                       are widened by it
 * @param jwksUrl        where the issuer publishes its keys as a JWKS (fetched, cached, refreshed on an
 *                       unknown {@code kid})
 * @param rootCertBundle a PEM file of X.509 certificates (distribution's {@code rootcertbundle}): their
 *                       keys are trusted, and they anchor {@code x5c} chains in token headers
 * @param trusted        further trusted keys, such as the built-in issuer's own
 */
public record JwtVerifierSettings(String issuer, String audience, Duration clockSkew, Optional<URI> jwksUrl,
                                  Optional<Path> rootCertBundle, List<PublicKey> trusted) {
    public JwtVerifierSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        Objects.requireNonNull(rootCertBundle, "rootCertBundle");
        trusted = List.copyOf(trusted);
        if (issuer.isBlank()) {
            throw new IllegalArgumentException("the token issuer must not be blank");
        }
        if (audience.isBlank()) {
            throw new IllegalArgumentException("the token audience (the registry's service name) must not be blank");
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("the clock skew " + clockSkew + " is negative");
        }
        jwksUrl.ifPresent(url -> {
            if (!url.isAbsolute() || !("https".equalsIgnoreCase(url.getScheme()) || "http".equalsIgnoreCase(url.getScheme()))) {
                throw new IllegalArgumentException("the JWKS URL " + url + " is not an http or https URL");
            }
        });
        if (jwksUrl.isEmpty() && rootCertBundle.isEmpty() && trusted.isEmpty()) {
            // No token could ever verify: surely a configuration mistake, better told at start.
            throw new IllegalArgumentException("no key to verify tokens with: set a JWKS URL, a root certificate bundle or a trusted key");
        }
    }
}
