package io.wharf.domain.auth;

import io.wharf.domain.model.RepositoryName;

import java.util.EnumSet;
import java.util.Set;

/** What one caller may do: the answer of an access policy, or of a token's {@code access} claim. */
public interface Grants {

    /** Everything everywhere: the grants when access control is off. */
    Grants EVERYTHING = new Grants() {
        @Override
        public Set<Action> on(RepositoryName repository) {
            return EnumSet.allOf(Action.class);
        }

        @Override
        public boolean wholeCatalog() {
            return true;
        }

        @Override
        public String toString() {
            return "everything";
        }
    };

    /** Nothing at all. */
    Grants NOTHING = new Grants() {
        @Override
        public Set<Action> on(RepositoryName repository) {
            return Set.of();
        }

        @Override
        public boolean wholeCatalog() {
            return false;
        }

        @Override
        public boolean nothing() {
            return true;
        }

        @Override
        public String toString() {
            return "nothing";
        }
    };

    /** The actions granted on one repository. */
    Set<Action> on(RepositoryName repository);

    /** Whether the caller may list every repository; otherwise the catalog shows only those it may pull. */
    boolean wholeCatalog();

    /** True only when these grants certainly allow nothing, so a caller with credentials should be asked for them. */
    default boolean nothing() {
        return false;
    }
}
