package io.wharf.application.service.access;

import io.wharf.application.port.in.TokenIssuance;
import io.wharf.domain.auth.AccessDeniedException;
import io.wharf.domain.auth.Action;
import io.wharf.domain.auth.Challenge;
import io.wharf.domain.auth.Credentials;
import io.wharf.domain.auth.Grants;
import io.wharf.domain.auth.Identity;
import io.wharf.domain.auth.Scope;
import io.wharf.domain.auth.TokenClaims;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.port.AccessPolicy;
import io.wharf.domain.port.InvalidTokenException;
import io.wharf.domain.port.TokenSigner;
import io.wharf.domain.port.TokenVerifier;
import io.wharf.domain.port.UserDirectory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The built-in issuer: checks the user against the htpasswd directory (or a refresh token it issued),
 * and signs a short-lived token granting the requested scopes cut down to what the policy allows.
 */
public final class TokenIssuanceService implements TokenIssuance {
    private final UserDirectory users;
    private final AccessPolicy policy;
    private final TokenSigner signer;
    private final TokenVerifier refreshTokens;
    private final Settings settings;
    private final Clock clock;

    /**
     * @param service         the registry's service name: the only one tokens are issued for, and their audience
     * @param realm           the issuer's own URL, named in the basic challenge of a failed sign-in
     * @param tokenLifetime   how long an access token lasts
     * @param refreshAudience the audience of refresh tokens, so that one is never taken for an access token
     * @param refreshLifetime how long a refresh token lasts
     */
    public record Settings(String service, String realm, Duration tokenLifetime, String refreshAudience,
                           Duration refreshLifetime) {
        public Settings {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(realm, "realm");
            Objects.requireNonNull(refreshAudience, "refreshAudience");
            if (tokenLifetime.compareTo(Duration.ofSeconds(60)) < 0) {
                // docker treats tokens that live under 60 s as 60 s (distribution's token spec)
                throw new IllegalArgumentException("token lifetime " + tokenLifetime + " is under 60 s");
            }
            if (refreshAudience.equals(service)) {
                throw new IllegalArgumentException("refresh tokens need an audience other than the service");
            }
        }
    }

    public TokenIssuanceService(UserDirectory users, AccessPolicy policy, TokenSigner signer,
                                TokenVerifier refreshTokens, Settings settings, Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public IssuedToken issue(TokenRequest request) {
        if (!settings.service().equals(request.service())) {
            throw new InvalidTokenRequestException("this issuer serves the service \"" + settings.service()
                    + "\", not \"" + request.service() + "\"");
        }
        Identity identity = identify(request.credentials());
        Grants grants = policy.grantsFor(identity);
        List<Scope> access = granted(request.scopes(), grants);
        Instant now = clock.instant();
        String subject = identity instanceof Identity.User u ? u.name() : "";
        String token = signer.sign(new TokenClaims(subject, settings.service(), UUID.randomUUID().toString(), now, now,
                now.plus(settings.tokenLifetime()), access));
        Optional<String> refresh = request.refreshToken() && identity instanceof Identity.User
                ? Optional.of(signer.sign(new TokenClaims(subject, settings.refreshAudience(), UUID.randomUUID().toString(),
                        now, now, now.plus(settings.refreshLifetime()), List.of())))
                : Optional.empty();
        return new IssuedToken(token, access, now, settings.tokenLifetime(), refresh);
    }

    private Identity identify(Credentials credentials) {
        return switch (credentials) {
            case Credentials.None n -> Identity.ANONYMOUS;
            case Credentials.Password p -> {
                if (p.user().isEmpty() || !users.authenticate(p.user(), p.password())) {
                    throw refused("user name or password is wrong");
                }
                yield new Identity.User(p.user());
            }
            case Credentials.Bearer refresh -> {
                TokenClaims claims;
                try {
                    claims = refreshTokens.verify(refresh.token());
                } catch (InvalidTokenException e) {
                    throw refused("refresh token refused: " + e.getMessage());
                }
                if (!(claims.identity() instanceof Identity.User user) || !users.exists(user.name())) {
                    throw refused("the refresh token's user no longer exists");
                }
                yield user;
            }
            case Credentials.Unreadable u -> throw refused(u.why());
        };
    }

    private AccessDeniedException refused(String detail) {
        return AccessDeniedException.unauthorized(detail, new Challenge.Basic(settings.realm()));
    }

    /** Each asked-for scope cut down to what the grants allow; scopes left with no action are dropped. */
    private static List<Scope> granted(List<Scope> asked, Grants grants) {
        List<Scope> access = new ArrayList<>();
        for (Scope scope : asked) {
            if (scope.isWholeCatalog()) {
                if (grants.wholeCatalog()) {
                    access.add(Scope.WHOLE_CATALOG);
                }
            } else if (scope.isRepository()) {
                Optional<RepositoryName> name = RepositoryName.tryParse(scope.name());
                if (name.isPresent()) {
                    Set<Action> actions = EnumSet.noneOf(Action.class);
                    actions.addAll(Action.parseAll(List.copyOf(scope.actions())));
                    actions.retainAll(grants.on(name.get()));
                    if (!actions.isEmpty()) {
                        access.add(Scope.repository(scope.name(), actions));
                    }
                }
            }
        }
        return access;
    }
}
