package io.wharf.metadata.postgres;

import io.wharf.domain.json.JsonWriter;
import io.wharf.domain.model.Descriptor;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.Manifest;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.Tag;
import io.wharf.domain.port.ManifestIndex.PutManifestOutcome;
import org.jooq.DSLContext;
import org.jooq.JSONB;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static io.wharf.metadata.postgres.jooq.Tables.MANIFEST;
import static io.wharf.metadata.postgres.jooq.Tables.MANIFEST_BLOB;
import static io.wharf.metadata.postgres.jooq.Tables.MANIFEST_CHILD;
import static io.wharf.metadata.postgres.jooq.Tables.REPOSITORY_BLOB;

/**
 * The body of the putManifest transaction. Lock order (link rows and child manifests shared, then the
 * manifest's unique key, then the tag row) is the same for every push, so pushes cannot deadlock
 * one another.
 */
final class ManifestPut {

    /** Thrown inside the transaction to roll it back (the repository row included) and report what is missing. */
    static final class Missing extends RuntimeException {
        private final PutManifestOutcome.MissingReferences outcome;

        Missing(PutManifestOutcome.MissingReferences outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }

        PutManifestOutcome.MissingReferences outcome() {
            return outcome;
        }
    }

    private ManifestPut() {
    }

    static PutManifestOutcome.Stored run(DSLContext dsl, RepositoryName repository, Manifest manifest, Optional<Tag> tag) {
        long repositoryId = Repositories.ensure(dsl, repository);
        List<String> blobs = distinctDigests(manifest.blobs());
        List<String> children = distinctDigests(manifest.children());
        // FOR SHARE / FOR KEY SHARE: a concurrent unlinkBlob or deleteManifest waits until this
        // transaction ends, so nothing verified here can vanish before commit.
        Set<String> linked = Set.copyOf(dsl.select(REPOSITORY_BLOB.BLOB_DIGEST).from(REPOSITORY_BLOB)
                .where(REPOSITORY_BLOB.REPOSITORY_ID.eq(repositoryId), REPOSITORY_BLOB.BLOB_DIGEST.in(blobs))
                .forShare()
                .fetch(REPOSITORY_BLOB.BLOB_DIGEST));
        Map<String, Long> childIds = new TreeMap<>(dsl.select(MANIFEST.DIGEST, MANIFEST.ID).from(MANIFEST)
                .where(MANIFEST.REPOSITORY_ID.eq(repositoryId), MANIFEST.DIGEST.in(children))
                .forKeyShare()
                .fetchMap(MANIFEST.DIGEST, MANIFEST.ID));
        List<Digest> missingBlobs = blobs.stream().filter(d -> !linked.contains(d)).map(Digest::parse).toList();
        List<Digest> missingChildren = children.stream().filter(d -> !childIds.containsKey(d)).map(Digest::parse).toList();
        if (!missingBlobs.isEmpty() || !missingChildren.isEmpty()) {
            throw new Missing(new PutManifestOutcome.MissingReferences(missingBlobs, missingChildren));
        }

        long manifestId = insertManifest(dsl, repositoryId, manifest, childIds.values()).orElseGet(() -> existingId(dsl, repositoryId, manifest));
        tag.ifPresent(t -> Tags.point(dsl, repositoryId, t, manifestId));
        return new PutManifestOutcome.Stored();
    }

    /**
     * The manifest and its reference rows, or empty when the repository already has this digest: the
     * same digest means the same bytes, so a second push (even a concurrent one, which waits here on
     * the unique key) changes nothing.
     */
    private static Optional<Long> insertManifest(DSLContext dsl, long repositoryId, Manifest manifest,
                                                 Collection<Long> childIds) {
        Long id = dsl.insertInto(MANIFEST)
                .set(MANIFEST.REPOSITORY_ID, repositoryId)
                .set(MANIFEST.DIGEST, manifest.digest().toString())
                .set(MANIFEST.MEDIA_TYPE, manifest.mediaType())
                .set(MANIFEST.PAYLOAD, manifest.payload())
                .set(MANIFEST.SIZE, manifest.size())
                .set(MANIFEST.ARTIFACT_TYPE, manifest.effectiveArtifactType().orElse(null))
                .set(MANIFEST.SUBJECT_DIGEST, manifest.subject().map(s -> s.digest().toString()).orElse(null))
                .set(MANIFEST.ANNOTATIONS, JSONB.valueOf(JsonWriter.write(manifest.annotations())))
                .onConflict(MANIFEST.REPOSITORY_ID, MANIFEST.DIGEST).doNothing()
                .returning(MANIFEST.ID)
                .fetchOne(MANIFEST.ID);
        if (id == null) {
            return Optional.empty();
        }
        for (String blob : distinctDigests(manifest.blobs())) {
            dsl.insertInto(MANIFEST_BLOB, MANIFEST_BLOB.MANIFEST_ID, MANIFEST_BLOB.BLOB_DIGEST).values(id, blob).execute();
        }
        for (long childId : childIds) {
            dsl.insertInto(MANIFEST_CHILD, MANIFEST_CHILD.PARENT_MANIFEST_ID, MANIFEST_CHILD.CHILD_MANIFEST_ID)
                    .values(id, childId)
                    .execute();
        }
        return Optional.of(id);
    }

    private static long existingId(DSLContext dsl, long repositoryId, Manifest manifest) {
        return dsl.select(MANIFEST.ID).from(MANIFEST)
                .where(MANIFEST.REPOSITORY_ID.eq(repositoryId), MANIFEST.DIGEST.eq(manifest.digest().toString()))
                .fetchSingle(MANIFEST.ID);
    }

    private static List<String> distinctDigests(List<Descriptor> descriptors) {
        Set<String> digests = new LinkedHashSet<>();
        descriptors.forEach(d -> digests.add(d.digest().toString()));
        return List.copyOf(digests);
    }
}
