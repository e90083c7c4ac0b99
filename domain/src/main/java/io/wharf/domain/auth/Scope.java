package io.wharf.domain.auth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One resource scope of the Docker token spec, {@code type:name:action[,action]}, such as
 * {@code repository:team/app:pull,push} or {@code registry:catalog:*}. Kept as text because issuers
 * may name types and actions Wharf does not use; unknown ones grant nothing.
 */
public record Scope(String type, String name, Set<String> actions) {
    public static final String REPOSITORY = "repository";
    public static final String REGISTRY = "registry";
    public static final String CATALOG = "catalog";

    /** The scope that grants the whole repository catalog. */
    public static final Scope WHOLE_CATALOG = new Scope(REGISTRY, CATALOG, Set.of(Action.ALL));

    public Scope {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        actions = Set.copyOf(new LinkedHashSet<>(actions));
    }

    public static Scope repository(String name, Set<Action> actions) {
        LinkedHashSet<String> tokens = new LinkedHashSet<>();
        for (Action a : Action.values()) {
            if (actions.contains(a)) {
                tokens.add(a.token());
            }
        }
        return new Scope(REPOSITORY, name, tokens);
    }

    public boolean isRepository() {
        return REPOSITORY.equals(type);
    }

    public boolean isWholeCatalog() {
        return REGISTRY.equals(type) && CATALOG.equals(name) && actions.contains(Action.ALL);
    }

    /**
     * Parses the text form. The name may itself hold colons (a registry host with a port), so the
     * type ends at the first colon and the actions start after the last.
     */
    public static Optional<Scope> parse(String text) {
        int first = text.indexOf(':');
        int last = text.lastIndexOf(':');
        if (first <= 0 || last == first || last == text.length() - 1 || first + 1 == last) {
            return Optional.empty();
        }
        List<String> actions = new ArrayList<>();
        for (String a : text.substring(last + 1).split(",")) {
            if (!a.isBlank()) {
                actions.add(a.trim());
            }
        }
        if (actions.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Scope(text.substring(0, first), text.substring(first + 1, last), new LinkedHashSet<>(actions)));
    }

    /** The text form, actions in a stable order (pull, push, delete, then others sorted). */
    @Override
    public String toString() {
        List<String> ordered = new ArrayList<>();
        for (Action a : Action.values()) {
            if (actions.contains(a.token())) {
                ordered.add(a.token());
            }
        }
        actions.stream().filter(a -> Action.parse(a).isEmpty()).sorted().forEach(ordered::add);
        return type + ":" + name + ":" + String.join(",", ordered);
    }
}
