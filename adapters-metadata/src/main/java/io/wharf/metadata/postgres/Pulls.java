package io.wharf.metadata.postgres;

import io.wharf.domain.port.PullLog;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.ZoneOffset;
import java.util.Collection;

import static io.wharf.metadata.postgres.jooq.Tables.MANIFEST;
import static io.wharf.metadata.postgres.jooq.Tables.MANIFEST_PULL;
import static io.wharf.metadata.postgres.jooq.Tables.REPOSITORY;

/** The {@code manifest_pull} table: the last pull of each manifest, only ever moved forward. */
final class Pulls {
    private Pulls() {
    }

    static void recordLast(DSLContext dsl, Collection<PullLog.LastPull> pulls) {
        for (PullLog.LastPull pull : pulls) {
            // a manifest deleted since it was pulled selects no row: nothing to record
            dsl.insertInto(MANIFEST_PULL, MANIFEST_PULL.MANIFEST_ID, MANIFEST_PULL.LAST_PULLED_AT)
                    .select(DSL.select(MANIFEST.ID, DSL.val(pull.at().atOffset(ZoneOffset.UTC)))
                            .from(MANIFEST)
                            .join(REPOSITORY).on(REPOSITORY.ID.eq(MANIFEST.REPOSITORY_ID))
                            .where(REPOSITORY.NAME.eq(pull.repository().value()),
                                    MANIFEST.DIGEST.eq(pull.manifest().toString())))
                    .onConflict(MANIFEST_PULL.MANIFEST_ID)
                    .doUpdate()
                    .set(MANIFEST_PULL.LAST_PULLED_AT, DSL.greatest(MANIFEST_PULL.LAST_PULLED_AT,
                            DSL.excluded(MANIFEST_PULL.LAST_PULLED_AT)))
                    .execute();
        }
    }
}
