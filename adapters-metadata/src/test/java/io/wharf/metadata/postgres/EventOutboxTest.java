package io.wharf.metadata.postgres;

import io.wharf.domain.event.Action;
import io.wharf.domain.event.Origin;
import io.wharf.domain.event.RegistryEvent;
import io.wharf.domain.event.Source;
import io.wharf.domain.event.Target;
import io.wharf.domain.model.BlobRecord;
import io.wharf.domain.model.Manifest;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.Tag;
import io.wharf.domain.port.EventOutbox.Batch;
import io.wharf.domain.port.EventOutbox.Decision;
import io.wharf.domain.port.EventOutbox.Pending;
import io.wharf.domain.port.EventOutbox.Round;
import io.wharf.domain.port.ManifestIndex.PutManifestOutcome;
import io.wharf.domain.port.MetadataCatalog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static io.wharf.metadata.postgres.TestManifests.blob;
import static io.wharf.metadata.postgres.TestManifests.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The transactional outbox on a real PostgreSQL: an event exists exactly when the change it describes
 * committed, events come out in commit order, and an endpoint is delivered to by one instance at a time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class EventOutboxTest {
    private static final RepositoryName REPO = RepositoryName.of("team/app");
    private static final Source SOURCE = new Source("127.0.0.1:5000", "instance-1");
    private static final Instant NOW = Instant.parse("2026-12-07T03:00:00Z");

    private EmbeddedPostgres postgres;
    private SchemaPerCatalog schemas;
    private MetadataCatalog catalog;

    @BeforeAll
    void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        schemas = new SchemaPerCatalog(postgres.getJdbcUrl("postgres", "postgres"), Optional.of("postgres"), Optional.empty());
    }

    @AfterAll
    void stopPostgres() throws IOException {
        schemas.dropAll();
        postgres.close();
    }

    @BeforeEach
    void open() {
        catalog = schemas.newCatalog();
        catalog.registerEndpoints(Set.of("ci"));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private static RegistryEvent event(Action action, Target target) {
        return new RegistryEvent(UUID.randomUUID(), NOW, action, target,
                new Origin("alice", "req-1", "10.0.0.1:4242", "registry.example", "PUT", "skopeo/1.9"), SOURCE);
    }

    /** Everything the endpoint would be sent now, advancing past it. */
    private List<RegistryEvent> drain(String endpoint) {
        List<RegistryEvent> seen = new ArrayList<>();
        while (true) {
            Round round = catalog.deliverNext(endpoint, 2, NOW, batch -> {
                batch.events().forEach(p -> seen.add(p.event()));
                return new Decision.Advance(batch.events().getLast().sequence(), batch.events().size());
            });
            if (!(round instanceof Round.Done)) {
                return seen;
            }
        }
    }

    @Test
    void aStoredManifestHasItsEventAndARefusedOneHasNone() {
        BlobRecord config = blob("cfg");
        BlobRecord layer = blob("layer");
        RegistryEvent configPushed = event(Action.PUSH, Target.blob(REPO, config.digest(), OptionalLong.of(config.size())));
        catalog.linkBlob(REPO, config, List.of(configPushed));
        Manifest manifest = image(config, List.of(layer));
        RegistryEvent refused = event(Action.PUSH, Target.manifest(REPO, manifest, Optional.of(Tag.of("v1"))));
        assertThat(catalog.putManifest(REPO, manifest, Optional.of(Tag.of("v1")), List.of(refused)))
                .isInstanceOf(PutManifestOutcome.MissingReferences.class);

        RegistryEvent layerPushed = event(Action.PUSH, Target.blob(REPO, layer.digest(), OptionalLong.of(layer.size())));
        catalog.linkBlob(REPO, layer, List.of(layerPushed));
        RegistryEvent stored = event(Action.PUSH, Target.manifest(REPO, manifest, Optional.of(Tag.of("v1"))));
        assertThat(catalog.putManifest(REPO, manifest, Optional.of(Tag.of("v1")), List.of(stored)))
                .isInstanceOf(PutManifestOutcome.Stored.class);

        assertThat(drain("ci")).containsExactly(configPushed, layerPushed, stored);
    }

    @Test
    void deletesRecordTheirEventOnlyWhenSomethingWasDeleted() {
        BlobRecord config = blob("cfg");
        BlobRecord layer = blob("layer");
        catalog.linkBlob(REPO, config);
        catalog.linkBlob(REPO, layer);
        Manifest manifest = image(config, List.of(layer));
        catalog.putManifest(REPO, manifest, Optional.of(Tag.of("v1")));

        RegistryEvent noTag = event(Action.DELETE, Target.tag(REPO, Tag.of("absent")));
        assertThat(catalog.deleteTag(REPO, Tag.of("absent"), List.of(noTag))).isFalse();
        RegistryEvent tagDeleted = event(Action.DELETE, Target.tag(REPO, Tag.of("v1")));
        assertThat(catalog.deleteTag(REPO, Tag.of("v1"), List.of(tagDeleted))).isTrue();
        RegistryEvent manifestDeleted = event(Action.DELETE, Target.manifest(REPO, manifest, Optional.empty()));
        assertThat(catalog.deleteManifest(REPO, manifest.digest(), List.of(manifestDeleted))).isTrue();
        assertThat(catalog.deleteManifest(REPO, manifest.digest(), List.of(event(Action.DELETE,
                Target.manifest(REPO, manifest, Optional.empty()))))).isFalse();
        RegistryEvent unlinked = event(Action.DELETE, Target.blob(REPO, layer.digest(), OptionalLong.empty()));
        assertThat(catalog.unlinkBlob(REPO, layer.digest(), List.of(unlinked))).isTrue();
        assertThat(catalog.unlinkBlob(REPO, layer.digest(), List.of(event(Action.DELETE,
                Target.blob(REPO, layer.digest(), OptionalLong.empty()))))).isFalse();

        assertThat(drain("ci")).containsExactly(tagDeleted, manifestDeleted, unlinked);
    }

    @Test
    void eventsRoundTripEveryField() {
        BlobRecord config = blob("cfg");
        BlobRecord layer = blob("layer");
        Manifest manifest = image(config, List.of(layer));
        RegistryEvent mounted = new RegistryEvent(UUID.randomUUID(), NOW.plusNanos(123_456_789), Action.MOUNT,
                Target.mountedBlob(REPO, layer.digest(), layer.size(), RepositoryName.of("base/os")),
                new Origin("", "", "", "", "", ""), SOURCE);
        RegistryEvent pushed = event(Action.PUSH, Target.manifest(REPO, manifest, Optional.of(Tag.of("v1"))));
        catalog.record(mounted);
        catalog.record(pushed);
        assertThat(drain("ci")).containsExactly(mounted, pushed);
        assertThat(pushed.target().references()).hasSize(2);
    }

    @Test
    void aNewEndpointStartsAfterTheNewestEventAndAKnownOneKeepsItsPlace() {
        RegistryEvent before = event(Action.PULL, Target.blob(REPO, blob("a").digest(), OptionalLong.of(1)));
        catalog.record(before);
        catalog.registerEndpoints(Set.of("ci", "audit"));
        RegistryEvent after = event(Action.PULL, Target.blob(REPO, blob("b").digest(), OptionalLong.of(1)));
        catalog.record(after);

        assertThat(drain("audit")).containsExactly(after);
        assertThat(drain("ci")).containsExactly(before, after);
        catalog.registerEndpoints(Set.of("ci", "audit"));
        assertThat(drain("ci")).isEmpty();
        assertThatThrownBy(() -> catalog.deliverNext("unknown", 1, NOW, b -> new Decision.Advance(0, 0)))
                .isInstanceOf(IllegalStateException.class);
    }

    /**
     * A writer that took its sequence number first but commits last must not be overtaken: the second
     * writer waits on the commit-order lock, so it gets the higher number and commits after.
     */
    @Test
    void sequenceNumbersFollowCommitOrder() throws Exception {
        RegistryEvent slow = event(Action.PUSH, Target.blob(REPO, blob("slow").digest(), OptionalLong.of(1)));
        RegistryEvent fast = event(Action.PUSH, Target.blob(REPO, blob("fast").digest(), OptionalLong.of(1)));
        try (Connection writer = schemas.connectToLatestSchema()) {
            writer.setAutoCommit(false);
            try (PreparedStatement lock = writer.prepareStatement("SELECT pg_advisory_xact_lock(?)");
                 PreparedStatement insert = writer.prepareStatement(
                         "INSERT INTO event (id, action, repository, payload) VALUES (?, 'push', ?, ?::jsonb)")) {
                lock.setLong(1, 0x776861_72662E6576L);
                lock.execute();
                insert.setObject(1, slow.id());
                insert.setString(2, REPO.value());
                insert.setString(3, EventJson.write(slow));
                insert.execute();
            }
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> catalog.record(fast));
            Thread.sleep(300);
            assertThat(second).as("the second writer waits for the first to commit").isNotDone();
            assertThat(drain("ci")).as("nothing is visible before the first commit").isEmpty();
            writer.commit();
            second.get(10, TimeUnit.SECONDS);
        }
        assertThat(drain("ci")).containsExactly(slow, fast);
    }

    /** Pulls recorded from many threads at once share transactions, and each caller returns with its event stored. */
    @Test
    void concurrentStandaloneEventsAreAllCommittedBeforeTheirCallersReturn() throws Exception {
        List<RegistryEvent> events = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            events.add(event(Action.PULL, Target.blob(REPO, blob("pull-" + i).digest(), OptionalLong.of(1))));
        }
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<Void>> done = events.stream()
                    .map(e -> CompletableFuture.runAsync(() -> catalog.record(e), threads)).toList();
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdown();
        }
        List<RegistryEvent> delivered = new ArrayList<>();
        while (catalog.deliverNext("ci", 1000, NOW, batch -> {
            batch.events().forEach(p -> delivered.add(p.event()));
            return new Decision.Advance(batch.events().getLast().sequence(), batch.events().size());
        }) instanceof Round.Done) {
            // all of them
        }
        assertThat(delivered).containsExactlyInAnyOrderElementsOf(events);
    }

    @Test
    void retriesWaitForTheirTimeAndCountFailedAttempts() {
        RegistryEvent first = event(Action.PUSH, Target.blob(REPO, blob("x").digest(), OptionalLong.of(1)));
        catalog.record(first);
        List<Integer> attemptsSeen = new ArrayList<>();
        Function<Batch, Decision> failing = batch -> {
            attemptsSeen.add(batch.failedAttempts());
            return new Decision.Retry(NOW.plusSeconds(10), "HTTP 503");
        };
        assertThat(catalog.deliverNext("ci", 10, NOW, failing)).isInstanceOf(Round.Done.class);
        assertThat(catalog.deliverNext("ci", 10, NOW.plusSeconds(5), failing)).isInstanceOf(Round.Idle.class);
        assertThat(catalog.deliverNext("ci", 10, NOW.plusSeconds(10), failing)).isInstanceOf(Round.Done.class);
        assertThat(attemptsSeen).containsExactly(0, 1);

        AtomicReference<Batch> last = new AtomicReference<>();
        catalog.deliverNext("ci", 10, NOW.plus(1, ChronoUnit.HOURS), batch -> {
            last.set(batch);
            return new Decision.Advance(batch.events().getLast().sequence(), 1);
        });
        assertThat(last.get().failedAttempts()).isEqualTo(2);
        assertThat(last.get().events()).extracting(Pending::event).containsExactly(first);
        assertThat(drain("ci")).isEmpty();
    }

    @Test
    void aDeadLetterMovesPastTheFirstEventOnlyAndKeepsIt() throws Exception {
        RegistryEvent poison = event(Action.PUSH, Target.blob(REPO, blob("p").digest(), OptionalLong.of(1)));
        RegistryEvent next = event(Action.PUSH, Target.blob(REPO, blob("n").digest(), OptionalLong.of(1)));
        catalog.record(poison);
        catalog.record(next);
        catalog.deliverNext("ci", 10, NOW, batch -> new Decision.Retry(NOW, "HTTP 500"));
        catalog.deliverNext("ci", 10, NOW, batch -> new Decision.DeadLetter("HTTP 500"));

        assertThat(catalog.status()).contains(new io.wharf.domain.port.EventOutbox.EndpointStatus("ci", 1, 0, 1));
        assertThat(drain("ci")).containsExactly(next);
        assertThat(catalog.status()).contains(new io.wharf.domain.port.EventOutbox.EndpointStatus("ci", 0, 1, 1));
        try (Connection c = schemas.connectToLatestSchema();
             PreparedStatement q = c.prepareStatement(
                     "SELECT d.event_id, d.attempts, d.last_error, e.dead, e.delivered FROM event_dead_letter d "
                             + "JOIN event_endpoint e ON e.name = d.endpoint WHERE d.endpoint = 'ci'");
             var rows = q.executeQuery()) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getObject(1)).isEqualTo(poison.id());
            assertThat(rows.getInt(2)).isEqualTo(2);
            assertThat(rows.getString(3)).isEqualTo("HTTP 500");
            assertThat(rows.getLong(4)).isEqualTo(1);
            assertThat(rows.getLong(5)).isEqualTo(1);
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void pruningRemovesOnlyWhatEveryEndpointIsDoneWith() throws Exception {
        catalog.registerEndpoints(Set.of("ci", "slow"));
        for (String name : List.of("one", "two", "three")) {
            catalog.record(event(Action.PUSH, Target.blob(REPO, blob(name).digest(), OptionalLong.of(1))));
        }
        assertThat(drain("ci")).hasSize(3);
        assertThat(catalog.pruneDelivered(100)).as("slow has taken nothing yet").isZero();
        catalog.deliverNext("slow", 2, NOW, b -> new Decision.Advance(b.events().getLast().sequence(), 2));
        assertThat(catalog.pruneDelivered(1)).isEqualTo(1);
        assertThat(catalog.pruneDelivered(100)).isEqualTo(1);
        assertThat(drain("slow")).hasSize(1);
        assertThat(catalog.pruneDelivered(100)).isEqualTo(1);
        try (Connection c = schemas.connectToLatestSchema();
             var rows = c.createStatement().executeQuery("SELECT count(*) FROM event")) {
            rows.next();
            assertThat(rows.getLong(1)).isZero();
        }
    }

    @Test
    void aReplayedDeadLetterGoesToItsEndpointAloneWithItsId() {
        catalog.registerEndpoints(Set.of("ci", "audit"));
        RegistryEvent poison = event(Action.PUSH, Target.blob(REPO, blob("p").digest(), OptionalLong.of(1)));
        RegistryEvent later = event(Action.PUSH, Target.blob(REPO, blob("l").digest(), OptionalLong.of(1)));
        catalog.record(poison);
        catalog.deliverNext("ci", 10, NOW, batch -> new Decision.DeadLetter("HTTP 400"));
        assertThat(drain("audit")).containsExactly(poison);
        assertThat(catalog.deadLetters(Optional.of("ci"), 10)).singleElement()
                .satisfies(d -> assertThat(d.event()).isEqualTo(poison))
                .satisfies(d -> assertThat(d.lastError()).isEqualTo("HTTP 400"));
        assertThat(catalog.deadLetters(Optional.of("audit"), 10)).isEmpty();

        assertThat(catalog.replay("ci", Optional.of(UUID.randomUUID()))).as("no such dead letter").isZero();
        assertThat(catalog.replay("ci", Optional.empty())).isEqualTo(1);
        catalog.record(later);
        assertThat(drain("ci")).containsExactly(poison, later);
        assertThat(drain("audit")).as("audit took it already and is not sent the replay").containsExactly(later);
        assertThat(catalog.deadLetters(Optional.empty(), 10)).isEmpty();
    }

    /** Two instances on one database: while one delivers to an endpoint, the other is told it is busy. */
    @Test
    void oneInstanceAtATimeDeliversToAnEndpoint() throws Exception {
        try (MetadataCatalog other = schemas.anotherCatalogOnLatestSchema(Map.of())) {
            catalog.record(event(Action.PUSH, Target.blob(REPO, blob("c").digest(), OptionalLong.of(1))));
            catalog.registerEndpoints(Set.of("ci", "audit"));
            catalog.record(event(Action.PUSH, Target.blob(REPO, blob("d").digest(), OptionalLong.of(1))));
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Round> first = CompletableFuture.supplyAsync(() -> catalog.deliverNext("ci", 10, NOW,
                    batch -> {
                        inside.countDown();
                        await(release);
                        return new Decision.Advance(batch.events().getLast().sequence(), batch.events().size());
                    }));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(other.deliverNext("ci", 10, NOW, b -> {
                throw new AssertionError("sent twice");
            })).isInstanceOf(Round.Busy.class);
            assertThat(other.deliverNext("audit", 10, NOW, b -> new Decision.Advance(b.events().getLast().sequence(), 1)))
                    .as("another endpoint is not held up").isInstanceOf(Round.Done.class);
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(Round.Done.class);
            assertThat(other.deliverNext("ci", 10, NOW, b -> {
                throw new AssertionError("delivered already");
            })).isInstanceOf(Round.Idle.class);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
