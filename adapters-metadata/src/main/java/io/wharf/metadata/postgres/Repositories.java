package io.wharf.metadata.postgres;

import io.wharf.domain.model.Page;
import io.wharf.domain.model.RepositoryName;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.util.List;
import java.util.Optional;

import static io.wharf.metadata.postgres.jooq.Tables.REPOSITORY;

/** Repository rows: created on first use, listed in byte order. */
final class Repositories {

    private Repositories() {
    }

    /**
     * The repository's id, creating the row if needed. DO NOTHING (rather than DO UPDATE … RETURNING)
     * takes no row lock when the row exists, which is the common case; under READ COMMITTED the
     * following SELECT sees a row a concurrent transaction just committed.
     */
    static long ensure(DSLContext dsl, RepositoryName name) {
        Long created = dsl.insertInto(REPOSITORY, REPOSITORY.NAME).values(name.value())
                .onConflict(REPOSITORY.NAME).doNothing()
                .returning(REPOSITORY.ID)
                .fetchOne(REPOSITORY.ID);
        if (created != null) {
            return created;
        }
        return dsl.select(REPOSITORY.ID).from(REPOSITORY).where(REPOSITORY.NAME.eq(name.value())).fetchSingle(REPOSITORY.ID);
    }

    /** The id as a scalar subquery, so lookups by name stay one statement. */
    static Field<Long> idOf(RepositoryName name) {
        return DSL.field(DSL.select(REPOSITORY.ID).from(REPOSITORY).where(REPOSITORY.NAME.eq(name.value())));
    }

    static boolean exists(DSLContext dsl, RepositoryName name) {
        return dsl.fetchExists(REPOSITORY, REPOSITORY.NAME.eq(name.value()));
    }

    static Page<RepositoryName> list(DSLContext dsl, int limit, Optional<String> after) {
        Condition condition = after.map(REPOSITORY.NAME::gt).orElse(DSL.noCondition());
        List<String> names = dsl.select(REPOSITORY.NAME).from(REPOSITORY)
                .where(condition)
                .orderBy(REPOSITORY.NAME)
                .limit(Pages.fetchSize(limit))
                .fetch(REPOSITORY.NAME);
        return Pages.of(names.stream().map(RepositoryName::of).toList(), limit);
    }
}
