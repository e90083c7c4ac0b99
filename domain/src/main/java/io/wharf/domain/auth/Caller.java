package io.wharf.domain.auth;

import java.util.Objects;

/** An authenticated caller: who it is, how it proved it, and what it may do. */
public record Caller(Identity identity, Proof proof, Grants grants) {
    /** The caller of a registry without access control. */
    public static final Caller UNRESTRICTED = new Caller(Identity.ANONYMOUS, Proof.NONE, Grants.EVERYTHING);

    /**
     * What the request carried. It decides how a refusal sounds: without credentials, or with a token
     * that falls short, the client is challenged (401) to fetch better ones; a user who signed in with a
     * password and lacks a right is refused outright (403).
     */
    public enum Proof {
        NONE,
        PASSWORD,
        TOKEN
    }

    public Caller {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(proof, "proof");
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
