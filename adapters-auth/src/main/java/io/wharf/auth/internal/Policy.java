package io.wharf.auth.internal;

import io.wharf.domain.auth.Grants;
import io.wharf.domain.auth.Identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One version of the policy file. Rules add up: a caller may do whatever any rule that applies to
 * it allows; nothing takes a grant away.
 *
 * @param groupsOfUser the groups each user is a member of
 */
public record Policy(Map<String, Set<String>> groupsOfUser, List<PolicyRule> rules) {
    public Policy {
        groupsOfUser = Map.copyOf(groupsOfUser);
        rules = List.copyOf(rules);
    }

    public Grants grantsFor(Identity identity) {
        String user = identity instanceof Identity.User u ? u.name() : null;
        Set<String> groups = user == null ? Set.of() : groupsOfUser.getOrDefault(user, Set.of());
        List<CallerGrants.Granted> granted = new ArrayList<>();
        boolean catalog = false;
        for (PolicyRule rule : rules) {
            if (!rule.appliesTo(identity, groups)) {
                continue;
            }
            catalog |= rule.catalog();
            List<Pattern> patterns = rule.repositories().stream()
                    .map(p -> p.forCaller(user))
                    .flatMap(Optional::stream)
                    .toList();
            if (!patterns.isEmpty()) {
                granted.add(new CallerGrants.Granted(patterns, rule.actions()));
            }
        }
        return new CallerGrants(granted, catalog);
    }
}
