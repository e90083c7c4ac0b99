package io.wharf.metadata.postgres;

import io.wharf.domain.model.BlobRecord;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.RepositoryName;
import org.jooq.DSLContext;
import org.jooq.Record2;

import java.util.Optional;

import static io.wharf.metadata.postgres.jooq.Tables.BLOB;
import static io.wharf.metadata.postgres.jooq.Tables.REPOSITORY;
import static io.wharf.metadata.postgres.jooq.Tables.REPOSITORY_BLOB;

/** Blob rows and their links to repositories. */
final class Blobs {

    private Blobs() {
    }

    /** Inserts only ever DO NOTHING on conflict, so concurrent links of one blob all succeed. */
    static void link(DSLContext dsl, RepositoryName repository, BlobRecord blob) {
        long repositoryId = Repositories.ensure(dsl, repository);
        dsl.insertInto(BLOB, BLOB.DIGEST, BLOB.SIZE).values(blob.digest().toString(), blob.size())
                .onConflict(BLOB.DIGEST).doNothing()
                .execute();
        dsl.insertInto(REPOSITORY_BLOB, REPOSITORY_BLOB.REPOSITORY_ID, REPOSITORY_BLOB.BLOB_DIGEST)
                .values(repositoryId, blob.digest().toString())
                .onConflictDoNothing()
                .execute();
    }

    static Optional<BlobRecord> findLinked(DSLContext dsl, RepositoryName repository, Digest digest) {
        return dsl.select(BLOB.DIGEST, BLOB.SIZE)
                .from(REPOSITORY)
                .join(REPOSITORY_BLOB).on(REPOSITORY_BLOB.REPOSITORY_ID.eq(REPOSITORY.ID))
                .join(BLOB).on(BLOB.DIGEST.eq(REPOSITORY_BLOB.BLOB_DIGEST))
                .where(REPOSITORY.NAME.eq(repository.value()), REPOSITORY_BLOB.BLOB_DIGEST.eq(digest.toString()))
                .fetchOptional()
                .map(Blobs::record);
    }

    /** A blob row without links may be awaiting garbage collection, so it does not count. */
    static Optional<BlobRecord> findAnywhere(DSLContext dsl, Digest digest) {
        return dsl.select(BLOB.DIGEST, BLOB.SIZE)
                .from(BLOB)
                .where(BLOB.DIGEST.eq(digest.toString()))
                .andExists(dsl.selectOne().from(REPOSITORY_BLOB).where(REPOSITORY_BLOB.BLOB_DIGEST.eq(BLOB.DIGEST)))
                .fetchOptional()
                .map(Blobs::record);
    }

    static boolean unlink(DSLContext dsl, RepositoryName repository, Digest digest) {
        return dsl.deleteFrom(REPOSITORY_BLOB)
                .where(REPOSITORY_BLOB.REPOSITORY_ID.eq(Repositories.idOf(repository)),
                        REPOSITORY_BLOB.BLOB_DIGEST.eq(digest.toString()))
                .execute() > 0;
    }

    private static BlobRecord record(Record2<String, Long> row) {
        return new BlobRecord(Digest.parse(row.value1()), row.value2());
    }
}
