package io.wharf.domain;

import io.wharf.domain.auth.Action;
import io.wharf.domain.auth.Scope;
import io.wharf.domain.auth.ScopeGrants;
import io.wharf.domain.model.RepositoryName;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scopes as the Docker token spec writes them, and the grants a token's access claim makes of them. */
class ScopeTest {
    @Test
    void parsesTypeNameAndActionsEvenWhenTheNameHoldsAColon() {
        assertEquals(new Scope("repository", "team/app", Set.of("pull", "push")),
                Scope.parse("repository:team/app:push,pull").orElseThrow());
        assertEquals(new Scope("repository", "localhost:5000/app", Set.of("pull")),
                Scope.parse("repository:localhost:5000/app:pull").orElseThrow());
        assertTrue(Scope.parse("registry:catalog:*").orElseThrow().isWholeCatalog());
        for (String bad : new String[]{"", "repository", "repository:app", "repository:app:", ":app:pull",
                "repository::pull", "repository:app:,"}) {
            assertEquals(Optional.empty(), Scope.parse(bad), bad);
        }
    }

    @Test
    void writesActionsInTheSpecsOrder() {
        assertEquals("repository:a:pull,push,delete",
                Scope.repository("a", EnumSet.of(Action.DELETE, Action.PUSH, Action.PULL)).toString());
        assertEquals("repository:a:pull,zeta", new Scope("repository", "a", Set.of("zeta", "pull")).toString());
    }

    @Test
    void tokenGrantsAreExactNamesAndStarMeansEveryAction() {
        ScopeGrants grants = new ScopeGrants(List.of(Scope.parse("repository:team/app:pull").orElseThrow(),
                Scope.parse("repository:team/app:push").orElseThrow(),
                Scope.parse("repository:team/all:*").orElseThrow(),
                Scope.parse("repository:team/odd:fly").orElseThrow()));
        assertEquals(EnumSet.of(Action.PULL, Action.PUSH), grants.on(RepositoryName.of("team/app")));
        assertEquals(EnumSet.allOf(Action.class), grants.on(RepositoryName.of("team/all")));
        assertEquals(Set.of(), grants.on(RepositoryName.of("team/odd")), "unknown actions grant nothing");
        assertEquals(Set.of(), grants.on(RepositoryName.of("team/app/sub")), "no prefixes");
        assertFalse(grants.wholeCatalog());
        assertTrue(new ScopeGrants(List.of(Scope.WHOLE_CATALOG)).wholeCatalog());
    }
}
