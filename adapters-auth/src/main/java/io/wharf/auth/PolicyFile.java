package io.wharf.auth;

import io.wharf.auth.internal.Policy;
import io.wharf.auth.internal.PolicyParser;
import io.wharf.auth.internal.ReloadingFile;
import io.wharf.domain.auth.Grants;
import io.wharf.domain.auth.Identity;
import io.wharf.domain.port.AccessPolicy;

import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Who may do what where, from a YAML policy file:
 *
 * <pre>{@code
 * groups:
 *   developers: [alice, bob]
 * rules:
 *   - anonymous: true                # callers without credentials, and everybody else too
 *     repositories: ["library/*"]
 *     actions: [pull]
 *   - users: ["*"]                   # every signed-in user
 *     repositories: ["${user}/**"]   # the caller's own namespace
 *     actions: ["*"]
 *   - groups: [developers]
 *     repositories: ["team/**", "shared/base"]
 *     actions: [pull, push]
 *     catalog: true                  # may list every repository
 * }</pre>
 *
 * A rule applies when any of its subjects matches the caller; rules add up. In patterns {@code *}
 * matches within one path component, {@code **} across components, {@code ${user}} is the
 * caller's name (never matching anonymous callers). The file is strict: unknown keys or actions,
 * wrong types and patterns that could match no repository name are errors. It is read again when
 * it changes, checked at most once a second; a new version that does not parse is logged and the
 * previous one stays in use.
 */
public final class PolicyFile implements AccessPolicy {
    private static final AccessPolicy SIGNED_IN_MAY_DO_EVERYTHING = new AccessPolicy() {
        @Override
        public Grants grantsFor(Identity identity) {
            return identity instanceof Identity.User ? Grants.EVERYTHING : Grants.NOTHING;
        }

        @Override
        public String toString() {
            return "signed-in users may do everything, anonymous callers nothing";
        }
    };

    private final ReloadingFile<Policy> file;

    PolicyFile(Path path, LongSupplier nanoTime, System.Logger log) {
        this.file = new ReloadingFile<>(path, bytes -> PolicyParser.parse(path, bytes), nanoTime, log);
    }

    /**
     * Reads the policy file.
     *
     * @throws IllegalArgumentException     when it is not a valid policy (naming the rule and key)
     * @throws java.io.UncheckedIOException when it cannot be read
     */
    public static PolicyFile open(Path file) {
        return new PolicyFile(file, System::nanoTime, System.getLogger(PolicyFile.class.getName()));
    }

    /** The policy without a policy file: a signed-in user may do everything, the whole catalog included; anonymous callers nothing. */
    public static AccessPolicy signedInMayDoEverything() {
        return SIGNED_IN_MAY_DO_EVERYTHING;
    }

    /** The grants of the policy as it is now; the returned grants do not change when the file does. */
    @Override
    public Grants grantsFor(Identity identity) {
        return file.current().grantsFor(identity);
    }

    @Override
    public String toString() {
        return "policy file " + file.path();
    }
}
