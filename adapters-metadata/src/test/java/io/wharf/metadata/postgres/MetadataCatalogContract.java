package io.wharf.metadata.postgres;

import io.wharf.domain.error.ErrorCode;
import io.wharf.domain.error.RegistryException;
import io.wharf.domain.model.BlobRecord;
import io.wharf.domain.model.Descriptor;
import io.wharf.domain.model.Manifest;
import io.wharf.domain.model.Page;
import io.wharf.domain.model.Reference;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.StoredManifest;
import io.wharf.domain.model.Tag;
import io.wharf.domain.model.UploadSession;
import io.wharf.domain.port.ManifestIndex.PutManifestOutcome;
import io.wharf.domain.port.ManifestIndex.PutManifestOutcome.MissingReferences;
import io.wharf.domain.port.MetadataCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static io.wharf.metadata.postgres.TestManifests.blob;
import static io.wharf.metadata.postgres.TestManifests.image;
import static io.wharf.metadata.postgres.TestManifests.index;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every MetadataCatalog must do. Concrete classes say where the database is; each test gets an
 * empty catalog from {@link #newCatalog()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MetadataCatalogContract {
    private static final RepositoryName REPO = RepositoryName.of("library/alpine");
    private static final RepositoryName OTHER = RepositoryName.of("other/repo");

    protected MetadataCatalog catalog;

    /** A catalog over an empty schema. */
    protected abstract MetadataCatalog newCatalog();

    @BeforeEach
    void open() {
        catalog = newCatalog();
    }

    @AfterEach
    void closeCatalog() {
        catalog.close();
    }

    // ---- helpers

    private Manifest pushableImage(RepositoryName repository, String name) {
        BlobRecord config = blob(name + "-config");
        BlobRecord layer = blob(name + "-layer");
        catalog.linkBlob(repository, config);
        catalog.linkBlob(repository, layer);
        return image(config, List.of(layer));
    }

    private void store(RepositoryName repository, Manifest manifest, Optional<Tag> tag) {
        assertThat(catalog.putManifest(repository, manifest, tag)).isInstanceOf(PutManifestOutcome.Stored.class);
    }

    private Optional<StoredManifest> byTag(RepositoryName repository, String tag) {
        return catalog.findManifest(repository, new Reference.ByTag(Tag.of(tag)));
    }

    private Optional<StoredManifest> byDigest(RepositoryName repository, Manifest manifest) {
        return catalog.findManifest(repository, new Reference.ByDigest(manifest.digest()));
    }

    private static List<String> names(Page<Tag> page) {
        return page.items().stream().map(Tag::value).toList();
    }

    // ---- ping

    @Test
    void pingAnswersWhileTheDatabaseDoesAndFailsOnceItCannot() {
        catalog.ping();
        MetadataCatalog closed = newCatalog();
        closed.close();
        assertThatThrownBy(closed::ping).isInstanceOf(RuntimeException.class).hasMessageContaining("ping");
    }

    // ---- manifests

    @Test
    void storedManifestIsFoundByTagAndDigestWithExactBytes() {
        Manifest manifest = pushableImage(REPO, "a");
        store(REPO, manifest, Optional.of(Tag.of("latest")));

        StoredManifest found = byTag(REPO, "latest").orElseThrow();
        assertThat(found.digest()).isEqualTo(manifest.digest());
        assertThat(found.mediaType()).isEqualTo(TestManifests.IMAGE);
        assertThat(found.payload()).isEqualTo(manifest.payload());
        assertThat(byDigest(REPO, manifest).orElseThrow().payload()).isEqualTo(manifest.payload());
        assertThat(byDigest(OTHER, manifest)).isEmpty();
        assertThat(byTag(REPO, "other")).isEmpty();
        assertThat(catalog.repositoryExists(REPO)).isTrue();
    }

    @Test
    void manifestWithMissingBlobStoresNothing() {
        BlobRecord config = blob("config");
        BlobRecord missing = blob("missing-layer");
        catalog.linkBlob(REPO, config);
        catalog.linkBlob(OTHER, missing); // linked elsewhere does not count
        Manifest manifest = image(config, List.of(missing));

        PutManifestOutcome outcome = catalog.putManifest(REPO, manifest, Optional.of(Tag.of("v1")));

        assertThat(outcome).isEqualTo(new MissingReferences(List.of(missing.digest()), List.of()));
        assertThat(byDigest(REPO, manifest)).isEmpty();
        assertThat(byTag(REPO, "v1")).isEmpty();
        assertThat(catalog.tags(REPO, 10, Optional.empty()).items()).isEmpty();
    }

    @Test
    void failedPushToNewRepositoryDoesNotCreateIt() {
        Manifest manifest = image(blob("c"), List.of());
        assertThat(catalog.putManifest(REPO, manifest, Optional.empty())).isInstanceOf(MissingReferences.class);
        assertThat(catalog.repositoryExists(REPO)).isFalse();
    }

    @Test
    void indexWithMissingChildStoresNothing() {
        Manifest present = pushableImage(REPO, "amd64");
        store(REPO, present, Optional.empty());
        Manifest absent = image(blob("arm-config"), List.of());
        Manifest index = index(List.of(present, absent));

        PutManifestOutcome outcome = catalog.putManifest(REPO, index, Optional.of(Tag.of("multi")));

        assertThat(outcome).isEqualTo(new MissingReferences(List.of(), List.of(absent.digest())));
        assertThat(byDigest(REPO, index)).isEmpty();
        assertThat(byTag(REPO, "multi")).isEmpty();
    }

    @Test
    void indexWithAllChildrenIsStored() {
        Manifest amd = pushableImage(REPO, "amd64");
        Manifest arm = pushableImage(REPO, "arm64");
        store(REPO, amd, Optional.empty());
        store(REPO, arm, Optional.empty());
        Manifest index = index(List.of(amd, arm));

        store(REPO, index, Optional.of(Tag.of("multi")));

        assertThat(byTag(REPO, "multi").orElseThrow().digest()).isEqualTo(index.digest());
        assertThat(byTag(REPO, "multi").orElseThrow().mediaType()).isEqualTo(TestManifests.INDEX);
    }

    @Test
    void samePushTwiceIsIdempotentAndTagMoves() {
        Manifest first = pushableImage(REPO, "one");
        Manifest second = pushableImage(REPO, "two");
        store(REPO, first, Optional.of(Tag.of("latest")));
        store(REPO, first, Optional.of(Tag.of("latest")));
        assertThat(byTag(REPO, "latest").orElseThrow().digest()).isEqualTo(first.digest());

        store(REPO, second, Optional.of(Tag.of("latest")));
        assertThat(byTag(REPO, "latest").orElseThrow().digest()).isEqualTo(second.digest());
        assertThat(byDigest(REPO, first)).isPresent();
    }

    @Test
    void deleteManifestDropsItsTagsButNotOthers() {
        Manifest doomed = pushableImage(REPO, "doomed");
        Manifest kept = pushableImage(REPO, "kept");
        store(REPO, doomed, Optional.of(Tag.of("a")));
        store(REPO, doomed, Optional.of(Tag.of("b")));
        store(REPO, kept, Optional.of(Tag.of("c")));
        Manifest index = index(List.of(doomed, kept));
        store(REPO, index, Optional.empty());

        assertThat(catalog.deleteManifest(OTHER, doomed.digest())).isFalse();
        assertThat(catalog.deleteManifest(REPO, doomed.digest())).isTrue();
        assertThat(catalog.deleteManifest(REPO, doomed.digest())).isFalse();

        assertThat(byDigest(REPO, doomed)).isEmpty();
        assertThat(byTag(REPO, "a")).isEmpty();
        assertThat(catalog.tags(REPO, 10, Optional.empty()).items()).containsExactly(Tag.of("c"));
        assertThat(byDigest(REPO, index)).isPresent();
        // The blobs stay linked: garbage collection decides about them.
        assertThat(catalog.findLinkedBlob(REPO, doomed.blobs().getFirst().digest())).isPresent();
    }

    @Test
    void deleteTagLeavesTheManifest() {
        Manifest manifest = pushableImage(REPO, "m");
        store(REPO, manifest, Optional.of(Tag.of("v1")));

        assertThat(catalog.deleteTag(REPO, Tag.of("v2"))).isFalse();
        assertThat(catalog.deleteTag(REPO, Tag.of("v1"))).isTrue();
        assertThat(byTag(REPO, "v1")).isEmpty();
        assertThat(byDigest(REPO, manifest)).isPresent();
        assertThat(catalog.deleteTag(RepositoryName.of("nowhere"), Tag.of("v1"))).isFalse();
    }

    @Test
    void tagsArePagedInByteOrder() {
        Manifest manifest = pushableImage(REPO, "m");
        for (String tag : List.of("b", "a", "B", "a-1", "_x", "10", "9")) {
            store(REPO, manifest, Optional.of(Tag.of(tag)));
        }
        List<String> all = List.of("10", "9", "B", "_x", "a", "a-1", "b"); // code point order

        assertThat(names(catalog.tags(REPO, 100, Optional.empty()))).isEqualTo(all);
        Page<Tag> first = catalog.tags(REPO, 3, Optional.empty());
        assertThat(names(first)).isEqualTo(all.subList(0, 3));
        assertThat(first.more()).isTrue();
        Page<Tag> second = catalog.tags(REPO, 3, Optional.of("B"));
        assertThat(names(second)).isEqualTo(all.subList(3, 6));
        assertThat(second.more()).isTrue();
        Page<Tag> last = catalog.tags(REPO, 3, Optional.of("a-1"));
        assertThat(names(last)).containsExactly("b");
        assertThat(last.more()).isFalse();
        Page<Tag> exact = catalog.tags(REPO, 7, Optional.empty());
        assertThat(exact.items()).hasSize(7);
        assertThat(exact.more()).isFalse();
        assertThat(catalog.tags(REPO, 5, Optional.of("b")).items()).isEmpty();
        assertThat(catalog.tags(RepositoryName.of("nowhere"), 5, Optional.empty())).isEqualTo(new Page<>(List.of(), false));
    }

    @Test
    void repositoriesArePagedInByteOrder() {
        List<String> names = List.of("b/x", "a", "a/b", "a-b", "c");
        for (String name : names) {
            catalog.linkBlob(RepositoryName.of(name), blob("x"));
        }
        Page<RepositoryName> first = catalog.repositories(2, Optional.empty());
        assertThat(first.items()).extracting(RepositoryName::value).containsExactly("a", "a-b");
        assertThat(first.more()).isTrue();
        Page<RepositoryName> second = catalog.repositories(2, Optional.of("a-b"));
        assertThat(second.items()).extracting(RepositoryName::value).containsExactly("a/b", "b/x");
        assertThat(second.more()).isTrue();
        Page<RepositoryName> third = catalog.repositories(2, Optional.of("b/x"));
        assertThat(third.items()).extracting(RepositoryName::value).containsExactly("c");
        assertThat(third.more()).isFalse();
        assertThat(catalog.repositoryExists(RepositoryName.of("a/b"))).isTrue();
        assertThat(catalog.repositoryExists(RepositoryName.of("zzz"))).isFalse();
    }

    @Test
    void referrersAreListedWithAndWithoutFilter() {
        Manifest subject = pushableImage(REPO, "subject");
        store(REPO, subject, Optional.of(Tag.of("v1")));
        BlobRecord emptyConfig = blob("{}");
        catalog.linkBlob(REPO, emptyConfig);
        Manifest signature = image(emptyConfig, List.of(), Optional.of(subject),
                Optional.of("application/vnd.example.signature"), Map.of("org.example.signed-by", "alice"));
        Manifest sbom = image(emptyConfig, List.of(), Optional.of(subject),
                Optional.of("application/spdx+json"), Map.of());
        Manifest unrelated = image(emptyConfig, List.of(), Optional.empty(), Optional.of("application/spdx+json"), Map.of());
        store(REPO, signature, Optional.empty());
        store(REPO, sbom, Optional.empty());
        store(REPO, unrelated, Optional.empty());

        List<Descriptor> all = catalog.referrers(REPO, subject.digest(), Optional.empty());
        assertThat(all).extracting(Descriptor::digest).containsExactlyInAnyOrder(signature.digest(), sbom.digest());
        Descriptor sig = all.stream().filter(d -> d.digest().equals(signature.digest())).findFirst().orElseThrow();
        assertThat(sig).isEqualTo(signature.descriptor());
        assertThat(sig.annotations()).containsEntry("org.example.signed-by", "alice");
        assertThat(sig.size()).isEqualTo(signature.size());

        assertThat(catalog.referrers(REPO, subject.digest(), Optional.of("application/spdx+json")))
                .containsExactly(sbom.descriptor());
        assertThat(catalog.referrers(REPO, subject.digest(), Optional.of("application/none"))).isEmpty();
        assertThat(catalog.referrers(OTHER, subject.digest(), Optional.empty())).isEmpty();
    }

    @Test
    void referrerArtifactTypeFallsBackToConfigMediaType() {
        Manifest subject = pushableImage(REPO, "subject");
        store(REPO, subject, Optional.empty());
        Manifest referrer = image(blob("cfg"), List.of(), Optional.of(subject), Optional.empty(), Map.of());
        catalog.linkBlob(REPO, blob("cfg"));
        store(REPO, referrer, Optional.empty());

        assertThat(catalog.referrers(REPO, subject.digest(), Optional.of(TestManifests.CONFIG)))
                .extracting(Descriptor::artifactType).containsExactly(Optional.of(TestManifests.CONFIG));
    }

    // ---- blobs

    @Test
    void blobsAreLinkedPerRepository() {
        BlobRecord layer = blob("layer");
        assertThat(catalog.findBlob(layer.digest())).isEmpty();

        catalog.linkBlob(REPO, layer);
        catalog.linkBlob(REPO, layer);

        assertThat(catalog.findLinkedBlob(REPO, layer.digest())).contains(layer);
        assertThat(catalog.findLinkedBlob(OTHER, layer.digest())).isEmpty();
        assertThat(catalog.findBlob(layer.digest())).contains(layer);
        assertThat(catalog.repositoryExists(REPO)).isTrue();

        assertThat(catalog.unlinkBlob(OTHER, layer.digest())).isFalse();
        assertThat(catalog.unlinkBlob(REPO, layer.digest())).isTrue();
        assertThat(catalog.unlinkBlob(REPO, layer.digest())).isFalse();
        assertThat(catalog.findLinkedBlob(REPO, layer.digest())).isEmpty();
        assertThat(catalog.findBlob(layer.digest())).isEmpty();
    }

    // ---- concurrency

    @Test
    void concurrentPushesToOneTagAllSucceed() throws Exception {
        List<Manifest> manifests = IntStream.range(0, 8).mapToObj(i -> pushableImage(REPO, "racer-" + i)).toList();

        List<PutManifestOutcome> outcomes = race(manifests.stream()
                .<Callable<PutManifestOutcome>>map(m -> () -> catalog.putManifest(REPO, m, Optional.of(Tag.of("latest"))))
                .toList());

        assertThat(outcomes).allMatch(o -> o instanceof PutManifestOutcome.Stored);
        StoredManifest winner = byTag(REPO, "latest").orElseThrow();
        assertThat(manifests).extracting(Manifest::digest).contains(winner.digest());
        assertThat(catalog.findManifest(REPO, new Reference.ByDigest(winner.digest()))).isPresent();
        for (Manifest manifest : manifests) {
            assertThat(byDigest(REPO, manifest)).isPresent();
        }
    }

    @Test
    void concurrentPushesOfOneManifestAllSucceed() throws Exception {
        Manifest manifest = pushableImage(REPO, "same");

        List<PutManifestOutcome> outcomes = race(IntStream.range(0, 8)
                .<Callable<PutManifestOutcome>>mapToObj(i -> () -> catalog.putManifest(REPO, manifest, Optional.of(Tag.of("t" + i % 2))))
                .toList());

        assertThat(outcomes).allMatch(o -> o instanceof PutManifestOutcome.Stored);
        assertThat(byTag(REPO, "t0").orElseThrow().digest()).isEqualTo(manifest.digest());
        assertThat(byTag(REPO, "t1").orElseThrow().digest()).isEqualTo(manifest.digest());
    }

    @Test
    void concurrentLinksOfOneBlobAllSucceed() throws Exception {
        BlobRecord layer = blob("shared");
        List<RepositoryName> repositories = IntStream.range(0, 8).mapToObj(i -> RepositoryName.of("r" + i % 3)).toList();

        race(repositories.stream().<Callable<Void>>map(r -> () -> {
            catalog.linkBlob(r, layer);
            return null;
        }).toList());

        assertThat(catalog.findBlob(layer.digest())).contains(layer);
        assertThat(catalog.repositories(10, Optional.empty()).items()).extracting(RepositoryName::value)
                .containsExactly("r0", "r1", "r2");
        for (RepositoryName repository : Set.copyOf(repositories)) {
            assertThat(catalog.findLinkedBlob(repository, layer.digest())).contains(layer);
        }
        assertThat(blobRows(layer)).isEqualTo(1);
    }

    /** Rows in the blob table for this digest; concrete classes can count them with SQL. */
    protected abstract long blobRows(BlobRecord blob);

    /** Starts every task at once (as far as a latch can) and returns their results. */
    private static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(tasks.size())) {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    // ---- upload sessions

    @Test
    void sessionLifecycle() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UploadSession session = new UploadSession(UUID.randomUUID(), REPO, start, start, 0);
        catalog.createSession(session);

        assertThat(catalog.findSession(REPO, session.id())).contains(session);
        assertThat(catalog.findSession(OTHER, session.id())).isEmpty();
        assertThat(catalog.repositoryExists(REPO)).isFalse(); // an upload alone does not create the repository

        UploadSession advanced = session.advancedTo(1024, start.plusSeconds(5));
        catalog.updateSession(advanced);
        assertThat(catalog.findSession(REPO, session.id())).contains(advanced);

        assertThat(catalog.deleteSession(session.id())).isTrue();
        assertThat(catalog.deleteSession(session.id())).isFalse();
        assertThat(catalog.findSession(REPO, session.id())).isEmpty();
        try {
            catalog.updateSession(advanced);
            throw new AssertionError("updating a deleted session must fail");
        } catch (RegistryException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.BLOB_UPLOAD_UNKNOWN);
        }
    }

    @Test
    void staleSessionsOldestFirst() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<UploadSession> sessions = IntStream.range(0, 5)
                .mapToObj(i -> new UploadSession(UUID.randomUUID(), REPO, now.minusSeconds(100),
                        now.minusSeconds(10L * (5 - i)), i))
                .toList(); // updated 50, 40, 30, 20, 10 seconds ago
        sessions.reversed().forEach(catalog::createSession);

        assertThat(catalog.staleSessions(now.minusSeconds(25), 10)).containsExactlyElementsOf(sessions.subList(0, 3));
        assertThat(catalog.staleSessions(now.minusSeconds(25), 2)).containsExactlyElementsOf(sessions.subList(0, 2));
        assertThat(catalog.staleSessions(now.minusSeconds(60), 10)).isEmpty();
    }

    @Test
    void openSessionsAreCountedUntilDeleted() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        assertThat(catalog.countSessions()).isZero();
        List<UploadSession> sessions = IntStream.range(0, 3)
                .mapToObj(i -> new UploadSession(UUID.randomUUID(), i == 0 ? OTHER : REPO, now, now, i))
                .toList();
        sessions.forEach(catalog::createSession);
        assertThat(catalog.countSessions()).isEqualTo(3);

        catalog.deleteSession(sessions.get(1).id());
        assertThat(catalog.countSessions()).isEqualTo(2);
    }

    @Test
    void lastPullsOfManifestsNobodyHasAreSkipped() {
        io.wharf.domain.model.Digest unknown = io.wharf.domain.model.Digest.sha256("never pushed".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        catalog.recordLastPulls(List.of(new io.wharf.domain.port.PullLog.LastPull(REPO, unknown, Instant.now()),
                new io.wharf.domain.port.PullLog.LastPull(RepositoryName.of("nowhere"), unknown, Instant.now())));
        catalog.recordLastPulls(List.of());
    }
}
