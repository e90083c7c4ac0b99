package io.wharf.domain.auth;

import io.wharf.domain.model.RepositoryName;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The grants a token's {@code access} claim carries: exact repository names, and the catalog. */
public record ScopeGrants(List<Scope> access) implements Grants {
    public ScopeGrants {
        access = List.copyOf(access);
    }

    @Override
    public Set<Action> on(RepositoryName repository) {
        EnumSet<Action> actions = EnumSet.noneOf(Action.class);
        for (Scope s : access) {
            if (s.isRepository() && s.name().equals(repository.value())) {
                actions.addAll(Action.parseAll(new ArrayList<>(s.actions())));
            }
        }
        return actions;
    }

    @Override
    public boolean wholeCatalog() {
        return access.stream().anyMatch(Scope::isWholeCatalog);
    }

    /** A token that grants nothing is challenged for more, as distribution does, rather than shown an empty catalog. */
    @Override
    public boolean nothing() {
        return access.stream().noneMatch(s -> s.isWholeCatalog() || (s.isRepository() && !Action.parseAll(
                new ArrayList<>(s.actions())).isEmpty()));
    }
}
