package io.wharf.auth.internal;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * bcrypt hashes of a random password nobody knows, one per cost: an unknown user is checked
 * against one so the answer takes as long as for a known user. A fixed hash would give itself away
 * as soon as the file's users were hashed at another cost (htpasswd's default is 5, many use 10+).
 */
final class DummyHash {
    private static final Map<Integer, String> BY_COST = new ConcurrentHashMap<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    private DummyHash() {
    }

    static String ofCost(int cost) {
        return BY_COST.computeIfAbsent(cost, c -> {
            byte[] password = new byte[32];
            RANDOM.nextBytes(password);
            return new String(BCrypt.with(BCrypt.Version.VERSION_2Y).hash(c, password), StandardCharsets.US_ASCII);
        });
    }
}
