package io.wharf.auth;

import io.wharf.auth.FileFixtures.ManualClock;
import io.wharf.auth.FileFixtures.RecordingLogger;
import io.wharf.domain.auth.Action;
import io.wharf.domain.auth.Grants;
import io.wharf.domain.auth.Identity;
import io.wharf.domain.model.RepositoryName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import static io.wharf.auth.FileFixtures.replace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The policy file: who gets which actions where, the catalog, and reloading. */
class PolicyFileTest {
    static final String POLICY = """
            # users named here come from the htpasswd file (or a token's sub)
            groups:
              developers: [alice, bob]
              admins: [carol]
              ops: [bob]
            rules:
              - anonymous: true               # callers without credentials (also applies to every signed-in user)
                repositories: ["library/*"]
                actions: [pull]
              - users: ["*"]                  # "*" = every signed-in user
                repositories: ["${user}/**"]  # ${user} = the caller's own name: personal namespaces
                actions: ["*"]
              - groups: [developers]
                repositories: ["team/**", "shared/base"]
                actions: [pull, push]
              - groups: [admins]
                repositories: ["**"]
                actions: ["*"]
                catalog: true                 # may list the whole catalog; others see only repositories they may pull
              - users: [dave]
                repositories: ["tools/*-cli", "my.org_x/a-b__c", "ab*cd/x"]
                actions: [pull]
              - groups: [ops]
                repositories: ["team/**"]
                actions: [delete]
              - users: [erin]
                repositories: ["mirror/${user}-*/**"]
                actions: [push]
            """;

    @TempDir
    Path dir;
    final ManualClock clock = new ManualClock();
    final RecordingLogger log = new RecordingLogger();

    Path write(String yaml) {
        Path file = dir.resolve("policy.yaml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    PolicyFile open(String yaml) {
        return new PolicyFile(write(yaml), clock, log);
    }

    static Identity caller(String name) {
        return "-".equals(name) ? Identity.ANONYMOUS : new Identity.User(name);
    }

    static Set<Action> actions(String list) {
        EnumSet<Action> actions = EnumSet.noneOf(Action.class);
        if (!"-".equals(list)) {
            Arrays.stream(list.split(" ")).map(a -> Action.parse(a).orElseThrow()).forEach(actions::add);
        }
        return actions;
    }

    /** Caller ("-" = anonymous), repository, the actions granted ("-" = none). */
    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            -       | library/alpine    | pull
            -       | library/a/b       | -
            -       | library           | -
            -       | libraryx/alpine   | -
            -       | alice/app         | -
            -       | team/app          | -
            alice   | library/alpine    | pull
            alice   | alice/app         | pull push delete
            alice   | alice/deep/app    | pull push delete
            alice   | alice             | -
            alice   | alicex/app        | -
            alice   | bob/app           | -
            alice   | team/app          | pull push
            alice   | team/a/b          | pull push
            alice   | team              | -
            alice   | teams/app         | -
            alice   | shared/base       | pull push
            alice   | shared/base2      | -
            alice   | shared/base/x     | -
            bob     | team/app          | pull push delete
            bob     | shared/base       | pull push
            carol   | anything/at/all   | pull push delete
            carol   | x                 | pull push delete
            dave    | tools/kubectl-cli | pull
            dave    | tools/-cli        | -
            dave    | tools/a/b-cli     | -
            dave    | tools/kubectl-clix | -
            dave    | my.org_x/a-b__c   | pull
            dave    | myxorg_x/a-b__c   | -
            dave    | ab-cd/x           | pull
            dave    | abcd/x            | pull
            dave    | ab/cd/x           | -
            dave    | team/app          | -
            dave    | library/alpine    | pull
            a.b     | a.b/x             | pull push delete
            a.b     | axb/x             | -
            .*      | alice/app         | -
            erin    | mirror/erin-x/y   | push
            erin    | erin/app          | pull push delete
            erin    | mirror/erin-x     | -
            erin    | mirror/bob-x/y    | -
            mallory | mallory/app       | pull push delete
            mallory | team/app          | -
            """)
    void grantsTheUnionOfTheRulesThatApply(String name, String repository, String expected) {
        // "tools/-cli" is no valid repository name; such rows check that nothing is granted without asking
        Grants grants = open(POLICY).grantsFor(caller(name));
        Set<Action> granted = RepositoryName.tryParse(repository).map(grants::on).orElse(Set.of());
        assertThat(granted).isEqualTo(actions(expected));
    }

    @Test
    void onlyAnApplyingCatalogRuleGrantsTheWholeCatalog() {
        PolicyFile policy = open(POLICY);
        assertThat(policy.grantsFor(caller("carol")).wholeCatalog()).isTrue();
        assertThat(policy.grantsFor(caller("alice")).wholeCatalog()).isFalse();
        assertThat(policy.grantsFor(Identity.ANONYMOUS).wholeCatalog()).isFalse();
    }

    @Test
    void nothingIsTrueOnlyWhenNoRuleGrantsTheCallerAnything() {
        PolicyFile policy = open("""
                rules:
                  - users: [alice]
                    repositories: ["a/*"]
                    actions: [pull]
                  - anonymous: true
                    repositories: ["${user}/**"]
                    actions: [pull]
                  - users: [dave]
                    catalog: true
                """);
        assertThat(policy.grantsFor(Identity.ANONYMOUS).nothing()).as("a ${user} pattern never matches anonymous").isTrue();
        assertThat(policy.grantsFor(caller("bob")).nothing()).as("bob has bob/**").isFalse();
        assertThat(policy.grantsFor(caller("alice")).nothing()).isFalse();
        Grants dave = policy.grantsFor(caller("dave"));
        assertThat(dave.nothing()).isFalse();
        assertThat(dave.wholeCatalog()).isTrue();
        assertThat(dave.on(RepositoryName.of("a/b"))).isEmpty();

        PolicyFile namedOnly = open("""
                rules:
                  - users: [alice]
                    repositories: ["**"]
                    actions: [pull]
                """);
        assertThat(namedOnly.grantsFor(Identity.ANONYMOUS).nothing()).isTrue();
        assertThat(namedOnly.grantsFor(caller("bob")).nothing()).isTrue();
        assertThat(namedOnly.grantsFor(caller("bob")).on(RepositoryName.of("x"))).isEmpty();
        assertThat(namedOnly.grantsFor(caller("alice")).nothing()).isFalse();
        assertThat(open(POLICY).grantsFor(Identity.ANONYMOUS).nothing()).isFalse();
    }

    @Test
    void withoutAPolicyFileSignedInUsersMayDoEverythingAndAnonymousNothing() {
        Grants user = PolicyFile.signedInMayDoEverything().grantsFor(caller("anyone"));
        assertThat(user.on(RepositoryName.of("any/repo"))).containsExactlyInAnyOrder(Action.values());
        assertThat(user.wholeCatalog()).isTrue();
        assertThat(user.nothing()).isFalse();
        Grants anonymous = PolicyFile.signedInMayDoEverything().grantsFor(Identity.ANONYMOUS);
        assertThat(anonymous.on(RepositoryName.of("any/repo"))).isEmpty();
        assertThat(anonymous.wholeCatalog()).isFalse();
        assertThat(anonymous.nothing()).isTrue();
    }

    /** A policy (YAML, | for line breaks) and how the error goes on after the file name. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '^', quoteCharacter = '`', textBlock = """
            ``                                                              ^ is empty
            `# only a comment`                                              ^ is empty
            `- a|- b`                                                       ^ expected a mapping of keys to values, found a list
            `rule: []`                                                      ^ unknown key 'rule' (expected groups, rules)
            `groups: {a: [x]}`                                              ^ has no rules
            `rules: []`                                                     ^ rules is empty
            `rules: {a: 1}`                                                 ^ rules expected a list such as [a, b], found a mapping
            `rules: [pull]`                                                 ^ rules[0] expected a mapping of keys to values, found the string 'pull'
            `rules:|- {users: [a], repositories: [x], actions: [pull]}|- {users: [a], repositories: [x], action: [pull]}` ^ rules[1] unknown key 'action'
            `rules:|- {users: [a], repositories: [x], actions: [pull, pul]}` ^ rules[0].actions[1] unknown action 'pul' (expected pull, push, delete or *)
            `rules:|- {users: [a], repositories: [x], actions: [all]}`      ^ rules[0].actions[0] unknown action 'all'
            `rules:|- {users: [a], repositories: [x], actions: pull}`       ^ rules[0].actions expected a list such as [a, b], found the string 'pull'
            `rules:|- {users: [a], repositories: [x], actions: []}`         ^ rules[0].actions is empty
            `rules:|- {users: [a], repositories: [a, "team/?"], actions: [pull]}` ^ rules[0].repositories[1] 'team/?' uses ?, which is not supported
            `rules:|- {users: [a], repositories: [Team/x], actions: [pull]}` ^ rules[0].repositories[0] 'Team/x' holds 'T', which cannot appear in a repository name
            `rules:|- {users: [a], repositories: ["a b"], actions: [pull]}` ^ rules[0].repositories[0] 'a b' holds ' '
            `rules:|- {users: [a], repositories: ["team/***"], actions: [pull]}` ^ rules[0].repositories[0] 'team/***' has 3 stars in a row
            `rules:|- {users: [a], repositories: ["team/"], actions: [pull]}` ^ rules[0].repositories[0] 'team/' has an empty path component
            `rules:|- {users: [a], repositories: ["a//b"], actions: [pull]}` ^ rules[0].repositories[0] 'a//b' has an empty path component
            `rules:|- {users: [a], repositories: ["${usr}/x"], actions: [pull]}` ^ rules[0].repositories[0] '${usr}/x' uses a variable other than ${user}
            `rules:|- {users: [a], repositories: [""], actions: [pull]}`    ^ rules[0].repositories[0] expected a non-empty string
            `rules:|- {anonymous: "yes", repositories: [x], actions: [pull]}` ^ rules[0].anonymous expected true or false, found the string 'yes'
            `rules:|- {anonymous:, repositories: [x], actions: [pull]}`     ^ rules[0].anonymous expected true or false, found nothing
            `rules:|- {users: [a], repositories: [x], actions: [pull], catalog: 1}` ^ rules[0].catalog expected true or false, found 1 (a number)
            `rules:|- {users: alice, repositories: [x], actions: [pull]}`   ^ rules[0].users expected a list such as [a, b], found the string 'alice'
            `rules:|- {users: [123], repositories: [x], actions: [pull]}`   ^ rules[0].users[0] expected a non-empty string (quote it), found 123 (a number)
            `rules:|- {users: [no], repositories: [x], actions: [pull]}`    ^ rules[0].users[0] expected a non-empty string (quote it), found false (a boolean)
            `rules:|- {repositories: [x], actions: [pull]}`                 ^ rules[0] names no one it applies to
            `rules:|- {anonymous: false, repositories: [x], actions: [pull]}` ^ rules[0] names no one it applies to
            `rules:|- {groups: [devs], repositories: [x], actions: [pull]}` ^ rules[0].groups[0] group 'devs' is not defined under groups
            `groups: {devs: alice}|rules:|- {groups: [devs], repositories: [x], actions: [pull]}` ^ groups.devs expected a list such as [a, b], found the string 'alice'
            `groups: {devs: ["*"]}|rules:|- {groups: [devs], repositories: [x], actions: [pull]}` ^ groups.devs '*' is no user
            `groups: [devs]|rules:|- {users: [a], catalog: true}`           ^ groups expected a mapping of keys to values, found a list
            `rules:|- {users: [a], repositories: [x]}`                      ^ rules[0] has repositories but no actions
            `rules:|- {users: [a], actions: [pull]}`                        ^ rules[0] has actions but no repositories
            `rules:|- {users: [a]}`                                         ^ rules[0] grants nothing
            `rules:|- {users: [a], catalog: false}`                         ^ rules[0] grants nothing
            `rules:|- {users: [a], users: [b], catalog: true}`              ^ is not valid YAML
            `rules: [`                                                      ^ is not valid YAML
            `rules:|- {users: [a], catalog: true}|---|rules: []`            ^ is not valid YAML
            """)
    void refusesWhatItDoesNotUnderstandNamingTheFileAndThePlace(String yaml, String message) {
        Path file = write(yaml == null ? "" : yaml.replace("|", "\n"));
        assertThatThrownBy(() -> PolicyFile.open(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": " + message);
    }

    @Test
    void aMissingFileIsAnIoError() {
        assertThatThrownBy(() -> PolicyFile.open(dir.resolve("absent.yaml")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("absent.yaml");
    }

    @Test
    void aChangedPolicyTakesEffectAtTheNextCheckWhileGrantsAlreadyGivenStay() {
        PolicyFile policy = open(POLICY);
        Path file = dir.resolve("policy.yaml");
        Grants before = policy.grantsFor(caller("alice"));
        replace(file, POLICY.replace("actions: [pull, push]", "actions: [pull]"));
        clock.advanceMillis(999);
        assertThat(policy.grantsFor(caller("alice")).on(RepositoryName.of("team/app"))).contains(Action.PUSH);
        clock.advanceMillis(1);
        assertThat(policy.grantsFor(caller("alice")).on(RepositoryName.of("team/app"))).containsExactly(Action.PULL);
        assertThat(before.on(RepositoryName.of("team/app"))).as("a snapshot").contains(Action.PUSH);
        assertThat(log.at(System.Logger.Level.WARNING)).isEmpty();
    }

    @Test
    void aNewVersionThatDoesNotParseIsLoggedAndTheLastGoodOneKept() {
        PolicyFile policy = open(POLICY);
        Path file = dir.resolve("policy.yaml");
        replace(file, POLICY.replace("actions: [pull, push]", "actions: [pull, pusj]"));
        clock.advanceMillis(1000);
        assertThat(policy.grantsFor(caller("alice")).on(RepositoryName.of("team/app"))).contains(Action.PUSH);
        assertThat(log.at(System.Logger.Level.WARNING)).singleElement().asString()
                .contains(file.toString(), "rules[2].actions[1]", "'pusj'", "stays in use");

        replace(file, POLICY.replace("actions: [pull, push]", "actions: [pull]"));
        clock.advanceMillis(1000);
        assertThat(policy.grantsFor(caller("alice")).on(RepositoryName.of("team/app"))).containsExactly(Action.PULL);
    }
}
