package io.wharf.domain.auth;

import java.util.Objects;

/** What a request offered to prove who it is. The secrets never appear in {@code toString}. */
public sealed interface Credentials {

    None NONE = new None();

    record None() implements Credentials {
    }

    /** A user name and password, from HTTP basic authentication or an OAuth2 password grant. */
    record Password(String user, String password) implements Credentials {
        public Password {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Password[user=" + user + ", password=<hidden>]";
        }
    }

    /** A bearer token. */
    record Bearer(String token) implements Credentials {
        public Bearer {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Bearer[<hidden>]";
        }
    }

    /** Something the server cannot read as credentials: a scheme it does not take, or bad encoding. */
    record Unreadable(String why) implements Credentials {
    }
}
