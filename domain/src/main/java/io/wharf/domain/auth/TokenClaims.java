package io.wharf.domain.auth;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The claims of a registry token, as the Docker token spec has them: who ({@code sub}), for which
 * service ({@code aud}), when ({@code iat}, {@code nbf}, {@code exp}), a unique {@code jti}, and the
 * {@code access} list. The issuer ({@code iss}) is the signer's or verifier's own setting.
 */
public record TokenClaims(String subject, String audience, String id, Instant issuedAt, Instant notBefore,
                          Instant expiresAt, List<Scope> access) {
    public TokenClaims {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(expiresAt, "expiresAt");
        access = List.copyOf(access);
    }

    /** The subject as an identity: an empty {@code sub} is anonymous, as issuers write it. */
    public Identity identity() {
        return subject.isEmpty() ? Identity.ANONYMOUS : new Identity.User(subject);
    }

    public Optional<Scope> scope(String type, String name) {
        return access.stream().filter(s -> s.type().equals(type) && s.name().equals(name)).findFirst();
    }
}
