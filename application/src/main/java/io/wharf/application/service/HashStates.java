package io.wharf.application.service;

import java.security.MessageDigest;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The running SHA-256 of each upload this instance is receiving, so a chunked upload is hashed in
 * one pass as it streams. Only a cache: after a restart, or when another instance took the previous
 * chunk, the state is rebuilt from the stored bytes.
 */
final class HashStates {
    private final ConcurrentHashMap<UUID, HashState> states = new ConcurrentHashMap<>();
    private final int capacity;

    HashStates(int capacity) {
        this.capacity = capacity;
    }

    /** The state for {@code session} if it stands exactly at {@code offset}; removed from the cache. */
    Optional<MessageDigest> take(UUID session, long offset) {
        HashState state = states.remove(session);
        return state != null && state.offset() == offset ? Optional.of(state.digest()) : Optional.empty();
    }

    void put(UUID session, long offset, MessageDigest digest) {
        if (states.size() < capacity) {
            states.put(session, new HashState(offset, digest));
        }
    }

    void forget(UUID session) {
        states.remove(session);
    }

    private record HashState(long offset, MessageDigest digest) {
    }
}
