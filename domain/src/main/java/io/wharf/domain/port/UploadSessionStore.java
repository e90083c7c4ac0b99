package io.wharf.domain.port;

import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.UploadSession;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Upload sessions in progress, shared by every instance and surviving restarts. */
public interface UploadSessionStore {

    void createSession(UploadSession session);

    Optional<UploadSession> findSession(RepositoryName repository, UUID id);

    void updateSession(UploadSession session);

    /** False when the session was already gone (finished, cancelled or expired elsewhere). */
    boolean deleteSession(UUID id);

    /** Sessions not updated since {@code before}, oldest first, at most {@code limit}. */
    List<UploadSession> staleSessions(Instant before, int limit);

    /** How many sessions are open, every instance's: the figure operators watch for stuck or abandoned pushes. */
    long countSessions();
}
