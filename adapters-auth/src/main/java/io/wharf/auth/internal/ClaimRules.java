package io.wharf.auth.internal;

import com.nimbusds.jwt.JWTClaimsSet;
import io.wharf.domain.auth.TokenClaims;
import io.wharf.domain.port.InvalidTokenException;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;

/**
 * What a verified token's claims must hold: the expected issuer, the registry among the audiences,
 * an expiry, and the current time inside {@code [nbf, exp)} widened by the clock skew on both sides.
 */
public record ClaimRules(String issuer, String audience, Duration clockSkew) {
    public ClaimRules {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(clockSkew, "clockSkew");
    }

    /**
     * The token's claims, or InvalidTokenException naming the first rule it breaks. Messages quote only
     * the settings and the token's times, never strings from the token.
     */
    public TokenClaims check(JWTClaimsSet claims, Instant now) {
        if (!issuer.equals(claims.getIssuer())) {
            throw new InvalidTokenException("the token's issuer is not " + issuer);
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            throw new InvalidTokenException("the token's audience is not " + audience);
        }
        Instant expiresAt = instant(claims.getExpirationTime())
                .orElseThrow(() -> new InvalidTokenException("the token has no expiry time (exp)"));
        if (!now.isBefore(expiresAt.plus(clockSkew))) {
            throw new InvalidTokenException("the token expired at " + expiresAt);
        }
        Optional<Instant> notBefore = instant(claims.getNotBeforeTime());
        if (notBefore.isPresent() && now.isBefore(notBefore.get().minus(clockSkew))) {
            throw new InvalidTokenException("the token is not valid before " + notBefore.get());
        }
        Optional<Instant> issuedAt = instant(claims.getIssueTime());
        // TokenClaims wants every field, and external issuers leave some out. iat and nbf both say from when
        // the token was usable, so an absent one borrows the other; with neither, the epoch: it is what an
        // absent nbf means (no lower bound), and it never makes a token look fresher than it may be. An absent
        // jti is "": nothing keys on a verified token's id.
        return new TokenClaims(
                Objects.requireNonNullElse(claims.getSubject(), ""),
                audience,
                Objects.requireNonNullElse(claims.getJWTID(), ""),
                issuedAt.or(() -> notBefore).orElse(Instant.EPOCH),
                notBefore.or(() -> issuedAt).orElse(Instant.EPOCH),
                expiresAt,
                AccessClaim.parse(claims.getClaim(AccessClaim.NAME)));
    }

    private static Optional<Instant> instant(Date date) {
        return Optional.ofNullable(date).map(Date::toInstant);
    }
}
