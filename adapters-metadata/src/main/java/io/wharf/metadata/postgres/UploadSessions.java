package io.wharf.metadata.postgres;

import io.wharf.domain.error.ErrorCode;
import io.wharf.domain.error.RegistryException;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.UploadSession;
import io.wharf.metadata.postgres.jooq.tables.records.UploadSessionRecord;
import org.jooq.DSLContext;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.wharf.metadata.postgres.jooq.Tables.UPLOAD_SESSION;

/** Upload session rows. Times are stored with microsecond precision (timestamptz). */
final class UploadSessions {

    private UploadSessions() {
    }

    static void create(DSLContext dsl, UploadSession session) {
        dsl.insertInto(UPLOAD_SESSION)
                .set(UPLOAD_SESSION.ID, session.id())
                .set(UPLOAD_SESSION.REPOSITORY_NAME, session.repository().value())
                .set(UPLOAD_SESSION.STARTED_AT, utc(session.startedAt()))
                .set(UPLOAD_SESSION.UPDATED_AT, utc(session.updatedAt()))
                .set(UPLOAD_SESSION.BYTE_OFFSET, session.offset())
                .execute();
    }

    static Optional<UploadSession> find(DSLContext dsl, RepositoryName repository, UUID id) {
        return dsl.selectFrom(UPLOAD_SESSION)
                .where(UPLOAD_SESSION.ID.eq(id), UPLOAD_SESSION.REPOSITORY_NAME.eq(repository.value()))
                .fetchOptional()
                .map(UploadSessions::session);
    }

    /** A session deleted meanwhile (finished or expired elsewhere) is BLOB_UPLOAD_UNKNOWN to the client. */
    static void update(DSLContext dsl, UploadSession session) {
        int updated = dsl.update(UPLOAD_SESSION)
                .set(UPLOAD_SESSION.UPDATED_AT, utc(session.updatedAt()))
                .set(UPLOAD_SESSION.BYTE_OFFSET, session.offset())
                .where(UPLOAD_SESSION.ID.eq(session.id()))
                .execute();
        if (updated == 0) {
            throw new RegistryException(ErrorCode.BLOB_UPLOAD_UNKNOWN, "upload " + session.id() + " no longer exists");
        }
    }

    static boolean delete(DSLContext dsl, UUID id) {
        return dsl.deleteFrom(UPLOAD_SESSION).where(UPLOAD_SESSION.ID.eq(id)).execute() > 0;
    }

    static List<UploadSession> stale(DSLContext dsl, Instant before, int limit) {
        return dsl.selectFrom(UPLOAD_SESSION)
                .where(UPLOAD_SESSION.UPDATED_AT.lt(utc(before)))
                .orderBy(UPLOAD_SESSION.UPDATED_AT, UPLOAD_SESSION.ID)
                .limit(Math.max(0, limit))
                .fetch(UploadSessions::session);
    }

    static long count(DSLContext dsl) {
        return dsl.fetchCount(UPLOAD_SESSION);
    }

    private static UploadSession session(UploadSessionRecord row) {
        return new UploadSession(row.getId(), RepositoryName.of(row.getRepositoryName()),
                row.getStartedAt().toInstant(), row.getUpdatedAt().toInstant(), row.getByteOffset());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
