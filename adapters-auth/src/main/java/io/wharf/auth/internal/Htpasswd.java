package io.wharf.auth.internal;

import java.util.Map;

/**
 * One version of an htpasswd file: each user's bcrypt hash, and a hash of the same cost to check
 * unknown users against so that they take as long as known ones.
 */
public record Htpasswd(Map<String, String> hashes, String dummyHash) {
    public Htpasswd {
        hashes = Map.copyOf(hashes);
    }

    /** The user's hash, or null for an unknown user. */
    public String hashOf(String user) {
        return hashes.get(user);
    }
}
