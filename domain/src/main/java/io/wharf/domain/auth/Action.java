package io.wharf.domain.auth;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** What a caller may do to a repository, named as in token scopes and policy files. */
public enum Action {
    PULL("pull"),
    PUSH("push"),
    DELETE("delete");

    /** The wildcard of scopes and policies: every action. */
    public static final String ALL = "*";

    private final String token;

    Action(String token) {
        this.token = token;
    }

    /** The name in scopes, token claims and policy files. */
    public String token() {
        return token;
    }

    /** The action a scope or policy names; {@code *} is not one (see {@link #parseAll}). */
    public static Optional<Action> parse(String token) {
        for (Action a : values()) {
            if (a.token.equals(token)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The actions a list of names grants: {@code *} means all; unknown names grant nothing. */
    public static Set<Action> parseAll(Iterable<String> tokens) {
        EnumSet<Action> actions = EnumSet.noneOf(Action.class);
        for (String t : tokens) {
            if (ALL.equals(t)) {
                return EnumSet.allOf(Action.class);
            }
            parse(t).ifPresent(actions::add);
        }
        return actions;
    }
}
