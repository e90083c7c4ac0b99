package io.wharf.metadata.postgres;

import io.wharf.domain.model.Page;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.Tag;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.List;
import java.util.Optional;

import static io.wharf.metadata.postgres.jooq.Tables.REPOSITORY;
import static io.wharf.metadata.postgres.jooq.Tables.TAG;

/** Tag rows. tag.name is COLLATE "C", so comparisons and ORDER BY are byte order and use the primary key. */
final class Tags {

    private Tags() {
    }

    /** Insert or move the tag; concurrent pushes of one tag serialize on its row and the last one wins. */
    static void point(DSLContext dsl, long repositoryId, Tag tag, long manifestId) {
        dsl.insertInto(TAG, TAG.REPOSITORY_ID, TAG.NAME, TAG.MANIFEST_ID)
                .values(repositoryId, tag.value(), manifestId)
                .onConflict(TAG.REPOSITORY_ID, TAG.NAME)
                .doUpdate()
                .set(TAG.MANIFEST_ID, DSL.excluded(TAG.MANIFEST_ID))
                .set(TAG.UPDATED_AT, DSL.currentOffsetDateTime())
                .execute();
    }

    static boolean delete(DSLContext dsl, RepositoryName repository, Tag tag) {
        return dsl.deleteFrom(TAG)
                .where(TAG.REPOSITORY_ID.eq(Repositories.idOf(repository)), TAG.NAME.eq(tag.value()))
                .execute() > 0;
    }

    static Page<Tag> list(DSLContext dsl, RepositoryName repository, int limit, Optional<String> after) {
        Condition condition = after.map(TAG.NAME::gt).orElse(DSL.noCondition());
        List<String> names = dsl.select(TAG.NAME)
                .from(TAG).join(REPOSITORY).on(REPOSITORY.ID.eq(TAG.REPOSITORY_ID))
                .where(REPOSITORY.NAME.eq(repository.value()), condition)
                .orderBy(TAG.NAME)
                .limit(Pages.fetchSize(limit))
                .fetch(TAG.NAME);
        return Pages.of(names.stream().map(Tag::of).toList(), limit);
    }
}
