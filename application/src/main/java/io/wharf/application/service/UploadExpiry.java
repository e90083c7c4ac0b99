package io.wharf.application.service;

import io.wharf.domain.model.UploadSession;
import io.wharf.domain.port.PathNotFoundException;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.UploadSessionStore;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Removes upload sessions nobody touched for longer than the configured age, bytes first. */
public final class UploadExpiry {
    private static final int BATCH = 500;

    private final UploadSessionStore sessions;
    private final StorageDriver storage;
    private final Clock clock;
    private final Duration maxAge;

    public UploadExpiry(UploadSessionStore sessions, StorageDriver storage, Clock clock, Duration maxAge) {
        this.sessions = sessions;
        this.storage = storage;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** @return how many sessions were removed */
    public int expireStale() {
        int removed = 0;
        List<UploadSession> stale;
        do {
            stale = sessions.staleSessions(clock.instant().minus(maxAge), BATCH);
            for (UploadSession session : stale) {
                deleteBytes(session);
                if (sessions.deleteSession(session.id())) {
                    removed++;
                }
            }
        } while (stale.size() == BATCH);
        return removed;
    }

    private void deleteBytes(UploadSession session) {
        try {
            storage.delete(session.directory());
        } catch (PathNotFoundException alreadyGone) {
            // finished or removed by another instance meanwhile
        } catch (IOException e) {
            throw StorageFailure.of("expiring upload " + session.id(), e);
        }
    }
}
