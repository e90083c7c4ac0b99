package io.wharf.application.service.access;

import io.wharf.domain.auth.Caller;
import io.wharf.domain.auth.Challenge;
import io.wharf.domain.auth.Credentials;
import io.wharf.domain.auth.Grants;
import io.wharf.domain.auth.Identity;
import io.wharf.domain.auth.Scope;
import io.wharf.domain.auth.ScopeGrants;
import io.wharf.domain.auth.TokenClaims;
import io.wharf.domain.port.InvalidTokenException;
import io.wharf.domain.port.TokenVerifier;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Docker token authentication: a bearer JWT from the issuer at {@code realm}, whose {@code access}
 * claim is all the caller may do. A request without a token may do nothing and is challenged, as in
 * distribution: anonymous access is the issuer's to grant, with an anonymous token.
 */
public record TokenAuthentication(TokenVerifier verifier, String realm, String service) implements Authentication {
    public TokenAuthentication {
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(service, "service");
    }

    @Override
    public Caller authenticate(Credentials credentials) {
        return switch (credentials) {
            case Credentials.None n -> new Caller(Identity.ANONYMOUS, Caller.Proof.NONE, Grants.NOTHING);
            case Credentials.Bearer b -> {
                TokenClaims claims;
                try {
                    claims = verifier.verify(b.token());
                } catch (InvalidTokenException e) {
                    throw unauthorized("token refused: " + e.getMessage(), Optional.of("invalid_token"));
                }
                yield new Caller(claims.identity(), Caller.Proof.TOKEN, new ScopeGrants(claims.access()));
            }
            case Credentials.Password p -> throw unauthorized("this registry takes bearer tokens; get one from " + realm,
                    Optional.empty());
            case Credentials.Unreadable u -> throw unauthorized(u.why(), Optional.empty());
        };
    }

    @Override
    public Challenge challenge(List<Scope> scopes, Optional<String> error) {
        return new Challenge.Bearer(realm, service, scopes, error);
    }
}
