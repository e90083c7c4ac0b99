package io.wharf.auth.internal;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Passwords bcrypt has already accepted, so that docker's credentials on every request cost a
 * bcrypt check only once. A password is kept only as an HMAC under a key that lives and dies
 * with this process: a heap dump gives no fast way to test guesses. Each entry remembers the hash
 * it was checked against and counts only while the user still has that hash, so a changed or
 * removed password stops working at the next reload. Failures are never kept; the least recently
 * used entry goes when the cache is full.
 */
public final class VerifiedPasswords {
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;
    private final Map<Key, String> entries;

    public VerifiedPasswords(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, String> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cache key of one user and password. */
    public Key key(String user, byte[] password) {
        try {
            // Mac instances are not thread-safe and cheap next to bcrypt: one per call
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return new Key(user, HexFormat.of().formatHex(mac.doFinal(password)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Whether this password was accepted against {@code currentHash}, the user's hash now. */
    public boolean confirms(Key key, String currentHash) {
        synchronized (entries) {
            return currentHash.equals(entries.get(key));
        }
    }

    /** Remembers that bcrypt accepted the password against {@code hash}. */
    public void remember(Key key, String hash) {
        synchronized (entries) {
            entries.put(key, Objects.requireNonNull(hash, "hash"));
        }
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** A user and the HMAC of a password. */
    public record Key(String user, String passwordMac) {
        @Override
        public String toString() {
            return "Key[" + user + "]";
        }
    }
}
