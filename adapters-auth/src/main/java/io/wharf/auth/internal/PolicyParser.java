package io.wharf.auth.internal;

import io.wharf.domain.auth.Action;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the policy file (YAML: {@code groups} and {@code rules}). Strict on purpose: a misspelt key
 * or action that was silently ignored would grant less, or more, than its author meant, and the
 * mistake would show only when someone is refused or let in. Every error names the file and where
 * in it ({@code rules[2].actions[0]}).
 */
public final class PolicyParser {
    private static final Set<String> TOP_KEYS = Set.of("groups", "rules");
    private static final Set<String> RULE_KEYS = Set.of("anonymous", "users", "groups", "repositories", "actions", "catalog");

    private final Path source;

    private PolicyParser(Path source) {
        this.source = source;
    }

    /** @throws IllegalArgumentException naming {@code source} and the rule or key at fault */
    public static Policy parse(Path source, byte[] bytes) {
        return new PolicyParser(source).policy(bytes);
    }

    private Policy policy(byte[] bytes) {
        Object document = load(bytes);
        if (document == null) {
            throw error("", "is empty; expected rules (and optionally groups)");
        }
        Map<String, Object> top = mapping(document, "");
        keys(top, TOP_KEYS, "");
        Map<String, Set<String>> members = top.containsKey("groups") ? groups(top.get("groups")) : Map.of();
        if (!top.containsKey("rules")) {
            throw error("", "has no rules");
        }
        if (top.get("rules") instanceof List<?> none && none.isEmpty()) {
            throw error("rules", "is empty; a policy without rules lets nobody do anything");
        }
        List<Object> ruleList = list(top.get("rules"), "rules");
        List<PolicyRule> rules = new ArrayList<>();
        for (int i = 0; i < ruleList.size(); i++) {
            rules.add(rule(i, ruleList.get(i), members.keySet()));
        }
        Map<String, Set<String>> groupsOfUser = new HashMap<>();
        members.forEach((group, users) -> users.forEach(u -> groupsOfUser.computeIfAbsent(u, k -> new TreeSet<>()).add(group)));
        return new Policy(groupsOfUser, rules);
    }

    private Object load(byte[] bytes) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            return new Yaml(new SafeConstructor(options)).load(new String(bytes, StandardCharsets.UTF_8));
        } catch (YAMLException e) {
            throw error("", "is not valid YAML: " + e.getMessage());
        }
    }

    private Map<String, Set<String>> groups(Object node) {
        Map<String, Set<String>> members = new HashMap<>();
        mapping(node, "groups").forEach((name, users) -> {
            String where = "groups." + name;
            Set<String> names = new LinkedHashSet<>(strings(users, where));
            if (names.contains(PolicyRule.EVERY_USER)) {
                throw error(where, "'*' is no user; to name every signed-in user, write users: [\"*\"] in a rule");
            }
            members.put(name, names);
        });
        return members;
    }

    private PolicyRule rule(int index, Object node, Set<String> definedGroups) {
        String where = "rules[" + index + "]";
        Map<String, Object> rule = mapping(node, where);
        keys(rule, RULE_KEYS, where);
        boolean anonymous = bool(rule, "anonymous", where);
        List<String> users = rule.containsKey("users") ? strings(rule.get("users"), where + ".users") : List.of();
        List<String> groups = rule.containsKey("groups") ? strings(rule.get("groups"), where + ".groups") : List.of();
        for (int i = 0; i < groups.size(); i++) {
            if (!definedGroups.contains(groups.get(i))) {
                throw error(where + ".groups[" + i + "]", "group '" + groups.get(i) + "' is not defined under groups");
            }
        }
        if (!anonymous && users.isEmpty() && groups.isEmpty()) {
            throw error(where, "names no one it applies to; give anonymous: true, users or groups");
        }
        List<RepositoryPattern> repositories = rule.containsKey("repositories")
                ? patterns(rule.get("repositories"), where + ".repositories") : List.of();
        Set<Action> actions = rule.containsKey("actions") ? actions(rule.get("actions"), where + ".actions") : Set.of();
        boolean catalog = bool(rule, "catalog", where);
        if (repositories.isEmpty() != actions.isEmpty()) {
            throw error(where, repositories.isEmpty() ? "has actions but no repositories" : "has repositories but no actions");
        }
        if (repositories.isEmpty() && !catalog) {
            throw error(where, "grants nothing; give repositories and actions, or catalog: true");
        }
        return new PolicyRule(index, anonymous, new LinkedHashSet<>(users), new LinkedHashSet<>(groups), repositories, actions, catalog);
    }

    private List<RepositoryPattern> patterns(Object node, String where) {
        List<String> texts = strings(node, where);
        List<RepositoryPattern> patterns = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            try {
                patterns.add(RepositoryPattern.parse(texts.get(i)));
            } catch (IllegalArgumentException e) {
                throw error(where + "[" + i + "]", e.getMessage());
            }
        }
        return patterns;
    }

    private Set<Action> actions(Object node, String where) {
        List<String> names = strings(node, where);
        EnumSet<Action> actions = EnumSet.noneOf(Action.class);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (Action.ALL.equals(name)) {
                actions.addAll(EnumSet.allOf(Action.class));
                continue;
            }
            var action = Action.parse(name);
            if (action.isEmpty()) {
                throw error(where + "[" + i + "]", "unknown action '" + name + "' (expected pull, push, delete or *)");
            }
            actions.add(action.get());
        }
        return actions;
    }

    private List<String> strings(Object node, String where) {
        List<Object> items = list(node, where);
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof String s) || s.isEmpty()) {
                throw error(where + "[" + i + "]", "expected a non-empty string (quote it), found " + describe(items.get(i)));
            }
            strings.add(s);
        }
        return strings;
    }

    private List<Object> list(Object node, String where) {
        if (!(node instanceof List<?> items)) {
            throw error(where, "expected a list such as [a, b], found " + describe(node));
        }
        if (items.isEmpty()) {
            throw error(where, "is empty; leave the key out instead");
        }
        return new ArrayList<>(items);
    }

    private boolean bool(Map<String, Object> map, String key, String where) {
        if (!map.containsKey(key)) {
            return false;
        }
        if (!(map.get(key) instanceof Boolean b)) {
            throw error(where + "." + key, "expected true or false, found " + describe(map.get(key)));
        }
        return b;
    }

    private Map<String, Object> mapping(Object node, String where) {
        if (!(node instanceof Map<?, ?> map)) {
            throw error(where, "expected a mapping of keys to values, found " + describe(node));
        }
        Map<String, Object> keyed = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!(k instanceof String key)) {
                throw error(where, "has a key that is not a string: " + k);
            }
            keyed.put(key, v);
        });
        return keyed;
    }

    private void keys(Map<String, Object> map, Set<String> known, String where) {
        for (String key : map.keySet()) {
            if (!known.contains(key)) {
                throw error(where, "unknown key '" + key + "' (expected " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    private static String describe(Object node) {
        return switch (node) {
            case null -> "nothing";
            case String s -> "the string '" + s + "'";
            case Boolean b -> b + " (a boolean)";
            case Number n -> n + " (a number)";
            case List<?> l -> "a list";
            case Map<?, ?> m -> "a mapping";
            default -> node.getClass().getSimpleName();
        };
    }

    private IllegalArgumentException error(String where, String message) {
        return new IllegalArgumentException(source + ": " + (where.isEmpty() ? "" : where + " ") + message);
    }
}
