package io.wharf.application.service.access;

import io.wharf.domain.auth.AccessDeniedException;
import io.wharf.domain.auth.Action;
import io.wharf.domain.auth.Caller;
import io.wharf.domain.auth.Scope;
import io.wharf.domain.model.RepositoryName;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** One caller's rights, checked before a use case runs; refusals say what was needed. */
final class Guard {
    private final Caller caller;
    private final Authentication authentication;

    Guard(Caller caller, Authentication authentication) {
        this.caller = caller;
        this.authentication = authentication;
    }

    Caller caller() {
        return caller;
    }

    boolean allows(RepositoryName repository, Action action) {
        return caller.grants().on(repository).contains(action);
    }

    /** Refuses unless the caller holds every one of {@code needed} on the repository. */
    void require(RepositoryName repository, Set<Action> needed) {
        require(repository, needed, List.of());
    }

    /**
     * As {@link #require(RepositoryName, Set)}; a refusal's challenge also names {@code alsoWanted}, scopes
     * the request makes use of but does without, so the client's next token can carry them.
     */
    void require(RepositoryName repository, Set<Action> needed, List<Scope> alsoWanted) {
        if (!caller.grants().on(repository).containsAll(needed)) {
            String actions = needed.stream().map(Action::token).sorted().collect(Collectors.joining(", "));
            List<Scope> scopes = new ArrayList<>();
            scopes.add(Scope.repository(repository.value(), needed));
            scopes.addAll(alsoWanted);
            throw refusal(scopes, actions + " on repository " + repository);
        }
    }

    /** The refusal for this caller: a challenge to get (better) credentials, or DENIED for a signed-in user. */
    AccessDeniedException refusal(List<Scope> scopes, String what) {
        return switch (caller.proof()) {
            case NONE -> AccessDeniedException.unauthorized("authentication required for " + what,
                    authentication.challenge(scopes, Optional.empty()));
            case TOKEN -> AccessDeniedException.unauthorized("the token does not grant " + what,
                    authentication.challenge(scopes, Optional.of("insufficient_scope")));
            case PASSWORD -> AccessDeniedException.denied("user " + caller.name() + " is not granted " + what);
        };
    }
}
