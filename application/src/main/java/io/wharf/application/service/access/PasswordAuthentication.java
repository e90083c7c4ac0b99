package io.wharf.application.service.access;

import io.wharf.domain.auth.Caller;
import io.wharf.domain.auth.Challenge;
import io.wharf.domain.auth.Credentials;
import io.wharf.domain.auth.Identity;
import io.wharf.domain.auth.Scope;
import io.wharf.domain.port.AccessPolicy;
import io.wharf.domain.port.UserDirectory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** HTTP basic authentication against the user directory (the htpasswd file); rights from the policy. */
public record PasswordAuthentication(UserDirectory users, AccessPolicy policy, String realm) implements Authentication {
    public PasswordAuthentication {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(realm, "realm");
    }

    @Override
    public Caller authenticate(Credentials credentials) {
        return switch (credentials) {
            case Credentials.None n -> new Caller(Identity.ANONYMOUS, Caller.Proof.NONE, policy.grantsFor(Identity.ANONYMOUS));
            case Credentials.Password p -> {
                if (p.user().isEmpty() || !users.authenticate(p.user(), p.password())) {
                    throw unauthorized("user name or password is wrong", Optional.empty());
                }
                Identity user = new Identity.User(p.user());
                yield new Caller(user, Caller.Proof.PASSWORD, policy.grantsFor(user));
            }
            case Credentials.Bearer b -> throw unauthorized("this registry takes basic authentication, not bearer tokens",
                    Optional.empty());
            case Credentials.Unreadable u -> throw unauthorized(u.why(), Optional.empty());
        };
    }

    @Override
    public Challenge challenge(List<Scope> scopes, Optional<String> error) {
        return new Challenge.Basic(realm);
    }
}
