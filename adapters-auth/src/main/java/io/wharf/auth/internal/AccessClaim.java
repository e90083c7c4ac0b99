package io.wharf.auth.internal;

import io.wharf.domain.auth.Action;
import io.wharf.domain.auth.Scope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Docker token spec's {@code access} claim: a JSON array of
 * {@code {"type": "repository", "name": "team/app", "actions": ["pull", "push"]}} objects.
 */
public final class AccessClaim {
    public static final String NAME = "access";

    private AccessClaim() {
    }

    /** The claim's JSON value for Nimbus, actions in the same stable order as {@link Scope#toString()}. */
    public static List<Map<String, Object>> toJson(List<Scope> access) {
        List<Map<String, Object>> entries = new ArrayList<>(access.size());
        for (Scope scope : access) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", scope.type());
            entry.put("name", scope.name());
            entry.put("actions", ordered(scope.actions()));
            entries.add(entry);
        }
        return entries;
    }

    /**
     * The scopes in the claim's parsed JSON. Entries that are not objects with a string type and name and
     * string actions are skipped: they grant nothing, and one odd entry from an external issuer should not
     * cost the caller the others. {@code "actions": null} (how Go issuers write an empty list) is no action.
     */
    public static List<Scope> parse(Object claim) {
        if (!(claim instanceof List<?> entries)) {
            return List.of();
        }
        List<Scope> scopes = new ArrayList<>();
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> map && map.get("type") instanceof String type && map.get("name") instanceof String name) {
                actions(map.get("actions")).ifPresent(actions -> scopes.add(new Scope(type, name, actions)));
            }
        }
        return scopes;
    }

    private static Optional<Set<String>> actions(Object value) {
        if (value == null) {
            return Optional.of(Set.of());
        }
        if (!(value instanceof List<?> list)) {
            return Optional.empty();
        }
        Set<String> actions = new LinkedHashSet<>();
        for (Object action : list) {
            if (!(action instanceof String s)) {
                return Optional.empty();
            }
            actions.add(s);
        }
        return Optional.of(actions);
    }

    private static List<String> ordered(Set<String> actions) {
        List<String> ordered = new ArrayList<>();
        for (Action a : Action.values()) {
            if (actions.contains(a.token())) {
                ordered.add(a.token());
            }
        }
        actions.stream().filter(a -> Action.parse(a).isEmpty()).sorted().forEach(ordered::add);
        return ordered;
    }
}
