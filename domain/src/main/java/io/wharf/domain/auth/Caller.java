package io.wharf.domain.auth;

import java.util.Objects;

/** An authenticated caller: who it is and what it may do. */
public record Caller(Identity identity, Grants grants) {
    /** The caller of a registry without access control. */
    public static final Caller UNRESTRICTED = new Caller(Identity.ANONYMOUS, Grants.EVERYTHING);

    public Caller {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(grants, "grants");
    }

    public boolean anonymous() {
        return identity instanceof Identity.Anonymous;
    }

    /** The user's name, or {@code anonymous}: what audit lines and events name. */
    public String name() {
        return identity instanceof Identity.User u ? u.name() : "anonymous";
    }
}
