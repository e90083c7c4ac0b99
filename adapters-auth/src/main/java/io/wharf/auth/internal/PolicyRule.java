package io.wharf.auth.internal;

import io.wharf.domain.auth.Action;
import io.wharf.domain.auth.Identity;

import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * One rule of the policy file: whom it applies to (anonymous callers, which apply to everybody;
 * named users or {@code *} for every signed-in user; members of groups), and what it grants them
 * (actions on repositories matching a pattern, and perhaps the whole catalog).
 *
 * @param index the rule's place in the file, from 0 as in messages ({@code rules[2]}), so a rule can be told apart when debugging
 */
public record PolicyRule(int index, boolean anonymous, Set<String> users, Set<String> groups,
                         List<RepositoryPattern> repositories, Set<Action> actions, boolean catalog) {
    /** In {@code users}: every signed-in user. */
    public static final String EVERY_USER = "*";

    public PolicyRule {
        users = Set.copyOf(users);
        groups = Set.copyOf(groups);
        repositories = List.copyOf(repositories);
        actions = Set.copyOf(actions);
    }

    /** Whether the rule applies to this caller, a member of {@code callerGroups}. */
    public boolean appliesTo(Identity identity, Set<String> callerGroups) {
        if (anonymous) {
            return true;
        }
        return identity instanceof Identity.User user
                && (users.contains(EVERY_USER) || users.contains(user.name()) || !Collections.disjoint(groups, callerGroups));
    }
}
