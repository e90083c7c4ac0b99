package io.wharf.metadata.postgres;

import io.wharf.domain.model.BlobRecord;
import io.wharf.domain.model.Manifest;
import io.wharf.domain.model.Reference;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.StoredManifest;
import io.wharf.domain.model.Tag;
import io.wharf.domain.port.ManifestIndex.PutManifestOutcome;
import io.wharf.domain.port.MetadataCatalog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static io.wharf.metadata.postgres.TestManifests.blob;
import static io.wharf.metadata.postgres.TestManifests.image;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifest cache on a real PostgreSQL: WHARF_TEST_JDBC_URL's server when set (./wharf test),
 * else an embedded one. "Instances" are catalogs opened separately on one schema, as two registry
 * processes sharing a database would be.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManifestCacheTest {
    private static final RepositoryName REPO = RepositoryName.of("cached/repo");
    private static final Reference V1 = new Reference.ByTag(Tag.of("v1"));
    private static final Duration NOTIFY_WAIT = Duration.ofSeconds(5);

    private EmbeddedPostgres postgres;
    private SchemaPerCatalog schemas;
    private final List<MetadataCatalog> opened = new ArrayList<>();

    @BeforeAll
    void startPostgres() throws IOException {
        Optional<String> url = env("WHARF_TEST_JDBC_URL");
        if (url.isPresent()) {
            schemas = new SchemaPerCatalog(url.get(), env("WHARF_TEST_JDBC_USER"), env("WHARF_TEST_JDBC_PASSWORD"));
        } else {
            postgres = EmbeddedPostgres.builder().start();
            schemas = new SchemaPerCatalog(postgres.getJdbcUrl("postgres", "postgres"), Optional.of("postgres"), Optional.empty());
        }
    }

    @AfterEach
    void closeCatalogs() {
        opened.forEach(MetadataCatalog::close);
        opened.clear();
    }

    @AfterAll
    void stopPostgres() throws IOException {
        schemas.dropAll();
        if (postgres != null) {
            postgres.close();
        }
    }

    // ---- helpers

    private PostgresCatalog first(Map<String, String> settings) {
        return track(schemas.newCatalog(settings));
    }

    private PostgresCatalog second() {
        return track(schemas.anotherCatalogOnLatestSchema(Map.of()));
    }

    private PostgresCatalog track(MetadataCatalog catalog) {
        opened.add(catalog);
        return (PostgresCatalog) catalog;
    }

    private static ManifestCache cacheOf(PostgresCatalog catalog) {
        return catalog.manifestCache().orElseThrow();
    }

    private static Manifest push(MetadataCatalog catalog, String name, Optional<String> tag) {
        BlobRecord config = blob(name + "-config");
        BlobRecord layer = blob(name + "-layer");
        catalog.linkBlob(REPO, config);
        catalog.linkBlob(REPO, layer);
        Manifest manifest = image(config, List.of(layer));
        assertThat(catalog.putManifest(REPO, manifest, tag.map(Tag::of))).isInstanceOf(PutManifestOutcome.Stored.class);
        return manifest;
    }

    private static Optional<String> digestAt(MetadataCatalog catalog, Reference reference) {
        return catalog.findManifest(REPO, reference).map(found -> found.digest().toString());
    }

    private static Reference byDigest(Manifest manifest) {
        return new Reference.ByDigest(manifest.digest());
    }

    /**
     * Reads until a read is a cache hit. Not at the first attempt, possibly: the NOTIFY of the catalog's
     * own latest write arrives shortly after the write and drops what was cached meanwhile.
     */
    private static void assertCached(PostgresCatalog catalog, Reference reference) {
        await(reference + " to be served from the cache", () -> {
            long hits = cacheOf(catalog).hits();
            catalog.findManifest(REPO, reference);
            catalog.findManifest(REPO, reference);
            return cacheOf(catalog).hits() > hits;
        });
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + NOTIFY_WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited " + NOTIFY_WAIT + " for " + what).isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }

    // ---- tests

    @Test
    void secondReadIsServedFromTheCache() {
        PostgresCatalog catalog = first(Map.of());
        Manifest manifest = push(catalog, "a", Optional.of("v1"));
        ManifestCache cache = cacheOf(catalog);
        assertThat(cache.serving()).isTrue();

        assertCached(catalog, V1);
        // (Size and hits are not asserted exactly: a late NOTIFY of the push may still empty the cache.)
        StoredManifest found = catalog.findManifest(REPO, V1).orElseThrow();
        assertThat(found.payload()).isEqualTo(manifest.payload());
        assertThat(found.digest()).isEqualTo(manifest.digest());
        assertThat(found.mediaType()).isEqualTo(TestManifests.IMAGE);
        assertThat(cache.size()).isLessThanOrEqualTo(1);

        // Misses are not cached: a manifest pushed later is found at once.
        Reference v2 = new Reference.ByTag(Tag.of("v2"));
        assertThat(catalog.findManifest(REPO, v2)).isEmpty();
        assertThat(catalog.findManifest(REPO, v2)).isEmpty();
        assertThat(cache.size()).isLessThanOrEqualTo(1);
        Manifest other = push(catalog, "b", Optional.of("v2"));
        assertThat(digestAt(catalog, v2)).contains(other.digest().toString());
    }

    @Test
    void zeroBytesTurnsTheCacheOff() {
        PostgresCatalog catalog = first(Map.of(CatalogSettings.MANIFEST_CACHE_BYTES, "0"));
        Manifest manifest = push(catalog, "a", Optional.of("v1"));
        assertThat(catalog.manifestCache()).isEmpty();
        assertThat(digestAt(catalog, V1)).contains(manifest.digest().toString());
    }

    @Test
    void ownWritesAreSeenWithoutWaiting() {
        PostgresCatalog catalog = first(Map.of());
        Manifest one = push(catalog, "one", Optional.of("v1"));
        assertCached(catalog, V1);
        assertCached(catalog, byDigest(one));

        Manifest two = push(catalog, "two", Optional.of("v1"));
        assertThat(digestAt(catalog, V1)).contains(two.digest().toString());

        assertCached(catalog, V1);
        assertThat(catalog.deleteTag(REPO, Tag.of("v1"))).isTrue();
        assertThat(digestAt(catalog, V1)).isEmpty();

        assertCached(catalog, byDigest(one));
        assertThat(catalog.deleteManifest(REPO, one.digest())).isTrue();
        assertThat(digestAt(catalog, byDigest(one))).isEmpty();
    }

    @Test
    void changesByAnotherInstanceReachTheCacheByNotify() {
        PostgresCatalog a = first(Map.of());
        PostgresCatalog b = second();
        Manifest one = push(a, "one", Optional.of("v1"));
        assertCached(a, V1);

        // B moves the tag: A's cached v1 is dropped when B's NOTIFY arrives.
        Manifest two = push(b, "two", Optional.of("v1"));
        await("A to see v1 moved", () -> digestAt(a, V1).equals(Optional.of(two.digest().toString())));
        assertCached(a, V1);

        // B deletes the tag.
        assertThat(b.deleteTag(REPO, Tag.of("v1"))).isTrue();
        await("A to see v1 deleted", () -> digestAt(a, V1).isEmpty());

        // B deletes a manifest A has cached by digest.
        assertCached(a, byDigest(one));
        assertThat(b.deleteManifest(REPO, one.digest())).isTrue();
        await("A to see the manifest deleted", () -> digestAt(a, byDigest(one)).isEmpty());
        assertThat(digestAt(a, byDigest(two))).contains(two.digest().toString());
    }

    @Test
    void theCacheStaysWithinItsBytes() {
        long entry = push(first(Map.of(CatalogSettings.MANIFEST_CACHE_BYTES, "0")), "m99", Optional.empty())
                .payload().length + ManifestCache.ENTRY_OVERHEAD;
        long capacity = 4 * entry + entry / 2;
        PostgresCatalog catalog = first(Map.of(CatalogSettings.MANIFEST_CACHE_BYTES, Long.toString(capacity)));
        List<Manifest> manifests = new ArrayList<>();
        for (int i = 10; i < 30; i++) { // names of one length, so that every entry weighs the same
            manifests.add(push(catalog, "m" + i, Optional.of("t" + i)));
        }
        ManifestCache cache = cacheOf(catalog);
        assertCached(catalog, byDigest(manifests.getLast())); // the pushes' own NOTIFYs have mostly arrived
        long hits = cache.hits();
        for (int round = 0; round < 3; round++) {
            for (Manifest manifest : manifests) {
                for (int read = 0; read < 2; read++) {
                    assertThat(digestAt(catalog, byDigest(manifest))).contains(manifest.digest().toString());
                    assertThat(cache.bytes()).isLessThanOrEqualTo(capacity);
                }
            }
        }
        assertThat(cache.hits()).isGreaterThan(hits);
        assertThat(cache.size()).isBetween(0, 4);
        // Bytes are accounted exactly: what is left is exactly what the entries weigh.
        assertThat(cache.bytes()).isEqualTo(cache.size() * entry);
    }

    @Test
    void withoutItsListenerTheCacheStepsAsideUntilItListensAgain() throws Exception {
        PostgresCatalog a = first(Map.of());
        PostgresCatalog b = second();
        ChangeListener listener = a.changeListener().orElseThrow();
        Manifest one = push(a, "one", Optional.of("v1"));
        assertCached(a, V1);

        int pid = listener.backendPid();
        assertThat(pid).isPositive();
        schemas.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = " + pid
                + " AND application_name = '" + ChangeListener.APPLICATION_NAME + "'");
        ManifestCache cache = cacheOf(a);
        await("A's cache to stop serving", () -> !cache.serving());

        // While A is not listening, B's change is seen at once: A reads from the database.
        Manifest two = push(b, "two", Optional.of("v1"));
        long hits = cache.hits();
        assertThat(digestAt(a, V1)).contains(two.digest().toString());
        assertThat(digestAt(a, V1)).contains(two.digest().toString());
        assertThat(cache.hits()).isEqualTo(hits);
        assertThat(cache.size()).isZero();

        // It reconnects (first retry after 1 s), listens again and caches again, coherently.
        await("A's listener to reconnect", cache::serving);
        assertThat(listener.backendPid()).isPositive().isNotEqualTo(pid);
        assertCached(a, V1);
        assertThat(digestAt(a, V1)).contains(two.digest().toString());
        Manifest three = push(b, "three", Optional.of("v1"));
        await("A to see v1 moved after the reconnect", () -> digestAt(a, V1).equals(Optional.of(three.digest().toString())));
        assertThat(digestAt(a, byDigest(one))).contains(one.digest().toString());
    }

    @Test
    void aValueLoadedBeforeAnInvalidationIsNotKept() {
        ManifestCache cache = new ManifestCache(1 << 20);
        cache.startServing();
        StoredManifest old = new StoredManifest(TestManifests.IMAGE, blob("old").digest(), new byte[]{1});

        // The query ran before another instance's commit; its NOTIFY arrives before the load returns.
        Optional<StoredManifest> loaded = cache.find(REPO, V1, () -> {
            cache.invalidate(REPO.value());
            return Optional.of(old);
        });
        assertThat(loaded).contains(old);
        assertThat(cache.size()).isZero();
        assertThat(cache.bytes()).isZero();

        // Not serving (listener down): nothing is cached or served.
        cache.stopServing();
        cache.find(REPO, V1, () -> Optional.of(old));
        assertThat(cache.size()).isZero();
        cache.startServing();
        cache.find(REPO, V1, () -> Optional.of(old));
        assertThat(cache.size()).isEqualTo(1);
        cache.stopServing();
        assertThat(cache.size()).isZero();
        assertThat(cache.bytes()).isZero();
    }
}
