package io.wharf.metadata.postgres;

import io.wharf.domain.json.JsonReader;
import io.wharf.domain.model.Descriptor;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.Reference;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.StoredManifest;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record3;
import org.jooq.impl.DSL;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.wharf.metadata.postgres.jooq.Tables.MANIFEST;
import static io.wharf.metadata.postgres.jooq.Tables.REPOSITORY;
import static io.wharf.metadata.postgres.jooq.Tables.TAG;

/** Reads and deletes of manifests; writes are in {@link ManifestPut}. */
final class Manifests {

    private Manifests() {
    }

    /**
     * One statement either way: by tag it walks repository(name) → tag(repository_id, name) →
     * manifest(id), three unique-index probes; by digest repository(name) → manifest(repository_id, digest).
     */
    static Optional<StoredManifest> find(DSLContext dsl, RepositoryName repository, Reference reference) {
        var query = dsl.select(MANIFEST.MEDIA_TYPE, MANIFEST.DIGEST, MANIFEST.PAYLOAD).from(REPOSITORY);
        var row = switch (reference) {
            case Reference.ByTag byTag -> query
                    .join(TAG).on(TAG.REPOSITORY_ID.eq(REPOSITORY.ID))
                    .join(MANIFEST).on(MANIFEST.ID.eq(TAG.MANIFEST_ID))
                    .where(REPOSITORY.NAME.eq(repository.value()), TAG.NAME.eq(byTag.tag().value()))
                    .fetchOptional();
            case Reference.ByDigest byDigest -> query
                    .join(MANIFEST).on(MANIFEST.REPOSITORY_ID.eq(REPOSITORY.ID))
                    .where(REPOSITORY.NAME.eq(repository.value()), MANIFEST.DIGEST.eq(byDigest.digest().toString()))
                    .fetchOptional();
        };
        return row.map(Manifests::stored);
    }

    /** Foreign keys cascade the delete to the manifest's tags and its blob and child reference rows. */
    static boolean delete(DSLContext dsl, RepositoryName repository, Digest digest) {
        return dsl.deleteFrom(MANIFEST)
                .where(MANIFEST.REPOSITORY_ID.eq(Repositories.idOf(repository)), MANIFEST.DIGEST.eq(digest.toString()))
                .execute() > 0;
    }

    /** Served by the partial index manifest_referrers (repository_id, subject_digest). */
    static List<Descriptor> referrers(DSLContext dsl, RepositoryName repository, Digest subject,
                                      Optional<String> artifactType) {
        Condition typeFilter = artifactType.map(MANIFEST.ARTIFACT_TYPE::eq).orElse(DSL.noCondition());
        return dsl.select(MANIFEST.MEDIA_TYPE, MANIFEST.DIGEST, MANIFEST.SIZE, MANIFEST.ARTIFACT_TYPE, MANIFEST.ANNOTATIONS)
                .from(MANIFEST)
                .where(MANIFEST.REPOSITORY_ID.eq(Repositories.idOf(repository)),
                        MANIFEST.SUBJECT_DIGEST.eq(subject.toString()),
                        typeFilter)
                .orderBy(MANIFEST.CREATED_AT, MANIFEST.DIGEST)
                .fetch(row -> new Descriptor(row.value1(), Digest.parse(row.value2()), row.value3(),
                        Optional.ofNullable(row.value4()), annotations(row.value5())));
    }

    private static StoredManifest stored(Record3<String, String, byte[]> row) {
        return new StoredManifest(row.value1(), Digest.parse(row.value2()), row.value3());
    }

    /** Annotations are written by {@link ManifestPut} as a flat JSON object of strings. */
    private static Map<String, String> annotations(JSONB json) {
        if (!(JsonReader.parse(json.data()) instanceof Map<?, ?> map)) {
            throw new IllegalStateException("manifest.annotations is not a JSON object: " + json.data());
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        map.forEach((key, value) -> annotations.put((String) key, String.valueOf(value)));
        return annotations;
    }
}
