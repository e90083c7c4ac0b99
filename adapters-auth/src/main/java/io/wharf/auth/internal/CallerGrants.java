package io.wharf.auth.internal;

import io.wharf.domain.auth.Action;
import io.wharf.domain.auth.Grants;
import io.wharf.domain.model.RepositoryName;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the policy grants one caller: the rules that apply to it, with {@code ${user}} already
 * replaced by its name. A snapshot: a reload of the policy file does not change it.
 */
public record CallerGrants(List<Granted> granted, boolean wholeCatalog) implements Grants {

    public CallerGrants {
        granted = List.copyOf(granted);
    }

    @Override
    public Set<Action> on(RepositoryName repository) {
        EnumSet<Action> actions = EnumSet.noneOf(Action.class);
        for (Granted g : granted) {
            if (!actions.containsAll(g.actions()) && g.covers(repository.value())) {
                actions.addAll(g.actions());
            }
        }
        return actions;
    }

    /** True when no rule applies to the caller, or none that grants it anything. */
    @Override
    public boolean nothing() {
        return granted.isEmpty() && !wholeCatalog;
    }

    /** The actions of one rule on the repositories its patterns match for this caller. */
    public record Granted(List<Pattern> repositories, Set<Action> actions) {
        public Granted {
            repositories = List.copyOf(repositories);
            actions = Set.copyOf(actions);
        }

        boolean covers(String repository) {
            for (Pattern p : repositories) {
                if (p.matcher(repository).matches()) {
                    return true;
                }
            }
            return false;
        }
    }
}
