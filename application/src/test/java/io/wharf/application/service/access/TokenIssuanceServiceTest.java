package io.wharf.application.service.access;

import io.wharf.application.port.in.TokenIssuance.InvalidTokenRequestException;
import io.wharf.application.port.in.TokenIssuance.IssuedToken;
import io.wharf.application.port.in.TokenIssuance.TokenRequest;
import io.wharf.domain.auth.AccessDeniedException;
import io.wharf.domain.auth.Action;
import io.wharf.domain.auth.Credentials;
import io.wharf.domain.auth.Grants;
import io.wharf.domain.auth.Identity;
import io.wharf.domain.auth.Scope;
import io.wharf.domain.auth.TokenClaims;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.port.AccessPolicy;
import io.wharf.domain.port.InvalidTokenException;
import io.wharf.domain.port.UserDirectory;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenIssuanceServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final Set<String> users = new HashSet<>(Set.of("alice"));
    private final UserDirectory directory = new UserDirectory() {
        @Override
        public boolean authenticate(String user, String password) {
            return users.contains(user) && password.equals("pw");
        }

        @Override
        public boolean exists(String user) {
            return users.contains(user);
        }
    };
    /** alice: pull+push on team/app, pull on team/base; anonymous: pull on library/*. Nobody gets the whole catalog. */
    private final AccessPolicy policy = identity -> new Grants() {
        @Override
        public Set<Action> on(RepositoryName repository) {
            return switch (identity) {
                case Identity.User u when repository.value().equals("team/app") -> EnumSet.of(Action.PULL, Action.PUSH);
                case Identity.User u when repository.value().equals("team/base") -> EnumSet.of(Action.PULL);
                case Identity.Anonymous a when repository.value().startsWith("library/") -> EnumSet.of(Action.PULL);
                default -> EnumSet.noneOf(Action.class);
            };
        }

        @Override
        public boolean wholeCatalog() {
            return false;
        }
    };
    /** Signs by remembering: a token is the index of its claims. */
    private final List<TokenClaims> signed = new ArrayList<>();
    private final TokenIssuanceService issuer = new TokenIssuanceService(directory, policy, claims -> {
        signed.add(claims);
        return Integer.toString(signed.size() - 1);
    }, token -> {
        TokenClaims claims = signed.get(Integer.parseInt(token));
        if (!claims.audience().equals("registry#refresh")) {
            throw new InvalidTokenException("audience " + claims.audience() + " not accepted");
        }
        return claims;
    }, new TokenIssuanceService.Settings("registry", "https://r.example/auth/token", Duration.ofMinutes(5),
            "registry#refresh", Duration.ofDays(7)), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void grantsWhatWasAskedAndThePolicyAllowsNoMore() {
        IssuedToken issued = issuer.issue(new TokenRequest(new Credentials.Password("alice", "pw"), "registry",
                scopes("repository:team/app:pull,push,delete", "repository:team/base:pull,push",
                        "repository:other/x:pull", "registry:catalog:*", "repository:Not_Valid:pull"), false));

        assertEquals(List.of("repository:team/app:pull,push", "repository:team/base:pull"),
                issued.access().stream().map(Scope::toString).toList());
        TokenClaims claims = signed.get(Integer.parseInt(issued.token()));
        assertEquals("alice", claims.subject());
        assertEquals("registry", claims.audience());
        assertEquals(NOW.plus(Duration.ofMinutes(5)), claims.expiresAt());
        assertTrue(issued.refreshToken().isEmpty());
    }

    @Test
    void anonymousGetsTheAnonymousRightsAndNoRefreshToken() {
        IssuedToken issued = issuer.issue(new TokenRequest(Credentials.NONE, "registry",
                scopes("repository:library/alpine:pull,push", "repository:team/app:pull"), true));
        assertEquals(List.of("repository:library/alpine:pull"), issued.access().stream().map(Scope::toString).toList());
        assertEquals("", signed.getFirst().subject());
        assertTrue(issued.refreshToken().isEmpty());
    }

    @Test
    void aRefreshTokenWorksUntilItsUserIsRemoved() {
        IssuedToken first = issuer.issue(new TokenRequest(new Credentials.Password("alice", "pw"), "registry",
                List.of(), true));
        String refresh = first.refreshToken().orElseThrow();
        assertEquals("registry#refresh", signed.get(Integer.parseInt(refresh)).audience());

        IssuedToken again = issuer.issue(new TokenRequest(new Credentials.Bearer(refresh), "registry",
                scopes("repository:team/app:pull"), false));
        assertEquals("alice", signed.get(Integer.parseInt(again.token())).subject());

        assertThrows(AccessDeniedException.class, () -> issuer.issue(new TokenRequest(
                new Credentials.Bearer(first.token()), "registry", List.of(), false)),
                "an access token is not a refresh token");
        users.remove("alice");
        assertThrows(AccessDeniedException.class, () -> issuer.issue(new TokenRequest(
                new Credentials.Bearer(refresh), "registry", List.of(), false)));
    }

    @Test
    void refusesWrongPasswordsAndOtherServices() {
        assertThrows(AccessDeniedException.class, () -> issuer.issue(new TokenRequest(
                new Credentials.Password("alice", "wrong"), "registry", List.of(), false)));
        assertThrows(InvalidTokenRequestException.class, () -> issuer.issue(new TokenRequest(
                Credentials.NONE, "elsewhere", List.of(), false)));
        assertTrue(signed.isEmpty());
    }

    private static List<Scope> scopes(String... texts) {
        return java.util.Arrays.stream(texts).map(t -> Scope.parse(t).orElseThrow()).toList();
    }
}
