package io.wharf.domain.auth;

import java.util.Objects;

/** Who is calling: nobody in particular, or a named user. */
public sealed interface Identity {

    Anonymous ANONYMOUS = new Anonymous();

    /** No credentials were offered. */
    record Anonymous() implements Identity {
    }

    /** A user whose password or token checked out. */
    record User(String name) implements Identity {
        public User {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a user name must not be empty");
            }
        }
    }
}
