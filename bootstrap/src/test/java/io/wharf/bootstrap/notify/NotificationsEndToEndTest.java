package io.wharf.bootstrap.notify;

import io.wharf.bootstrap.testing.RegistryClient;
import io.wharf.bootstrap.testing.RunningRegistry;
import io.wharf.bootstrap.testing.WebhookReceiver;
import io.wharf.domain.model.Digest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.wharf.bootstrap.testing.RegistryClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks from the real registry to a real receiver on loopback: what each action sends, delivery
 * through an outage in order, pulls only where wanted, a hanging receiver that does not hold up pushes,
 * and two instances on one database sharing the work without losing an event.
 */
@Timeout(180)
class NotificationsEndToEndTest {
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private WebhookReceiver receiver;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        receiver.close();
    }

    private RunningRegistry registry(String name, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("notifications.endpoints.ci.url", receiver.url().toString());
        all.putIfAbsent("notifications.endpoints.ci.timeout", "1s");
        all.putIfAbsent("notifications.endpoints.ci.backoff", "100ms");
        all.putIfAbsent("notifications.endpoints.ci.maxbackoff", "500ms");
        RunningRegistry registry;
        try {
            registry = RunningRegistry.start(Files.createDirectories(dir.resolve(name)), all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        closing.add(registry);
        return registry;
    }

    /** Pushes a one-layer image tagged {@code tag}; returns the manifest's digest. */
    private static Digest pushImage(RegistryClient client, String repository, String tag) {
        byte[] layer = ("layer of " + repository + ":" + tag).getBytes(StandardCharsets.UTF_8);
        byte[] config = ("{\"image\":\"" + repository + ":" + tag + "\"}").getBytes(StandardCharsets.UTF_8);
        Digest layerDigest = client.pushBlob(repository, layer);
        Digest configDigest = client.pushBlob(repository, config);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":"
                + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                + "\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}";
        HttpResponse<byte[]> put = client.putManifest(repository, tag, OCI_MANIFEST, manifest);
        assertEquals(201, put.statusCode(), () -> text(put));
        return Digest.sha256(manifest.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<?, ?> target(Map<?, ?> event) {
        return (Map<?, ?>) event.get("target");
    }

    private static List<String> ids(List<Map<?, ?>> events) {
        return events.stream().map(e -> (String) e.get("id")).toList();
    }

    @Test
    void aPushAndADeleteArriveAsDistributionEnvelopes() {
        RunningRegistry registry = registry("one", Map.of("notifications.endpoints.ci.ignoredactions", "pull"));
        RegistryClient client = new RegistryClient(registry.baseUri());
        Digest manifest = pushImage(client, "team/app", "v1");
        assertEquals(202, client.send("DELETE", "/v2/team/app/manifests/v1", null).statusCode());

        List<Map<?, ?>> events = receiver.awaitEvents(e -> e.size() >= 4, WAIT);
        assertEquals(List.of("push", "push", "push", "delete"), events.stream().map(e -> e.get("action")).toList());
        Map<?, ?> pushed = target(events.get(2));
        assertEquals(OCI_MANIFEST, pushed.get("mediaType"));
        assertEquals(manifest.toString(), pushed.get("digest"));
        assertEquals("team/app", pushed.get("repository"));
        assertEquals("v1", pushed.get("tag"));
        assertEquals(2, ((List<?>) pushed.get("references")).size(), "config and layer");
        Map<?, ?> deleted = target(events.get(3));
        assertEquals("v1", deleted.get("tag"));
        assertEquals("", deleted.get("digest"), "a tag delete names the tag only; distribution 3 writes the digest empty");
        Map<?, ?> request = (Map<?, ?>) events.get(2).get("request");
        assertEquals("PUT", request.get("method"));
        assertTrue(((String) request.get("useragent")).startsWith("Java-http-client"), request.toString());
        assertEquals(Set.of("application/vnd.docker.distribution.events.v2+json"),
                Set.copyOf(receiver.requests().stream().map(h -> h.get("content-type")).toList()));
        assertEquals(4, Set.copyOf(ids(events)).size(), "each event has its own id");
    }

    @Test
    void anOutageDelaysEventsButLosesNoneAndKeepsTheirOrder() {
        RunningRegistry registry = registry("outage", Map.of("notifications.endpoints.ci.batchsize", "3"));
        RegistryClient client = new RegistryClient(registry.baseUri());
        receiver.mode(WebhookReceiver.Mode.DOWN);
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            pushImage(client, "outage/app", "t" + i);
            tags.add("t" + i);
        }
        receiver.mode(WebhookReceiver.Mode.UP);
        List<Map<?, ?>> events = receiver.awaitEvents(e -> e.stream().filter(x -> target(x).containsKey("tag")).count()
                >= 10, WAIT);
        List<String> tagOrder = events.stream().filter(e -> target(e).containsKey("tag"))
                .map(e -> (String) target(e).get("tag")).distinct().toList();
        assertEquals(tags, tagOrder, "manifest pushes arrive in commit order");
        assertEquals(30, new LinkedHashSet<>(ids(events)).size(), "every blob and manifest push arrived");
        System.out.printf("outage: 30 events recorded, %d received (%d duplicates)%n", events.size(),
                events.size() - new LinkedHashSet<>(ids(events)).size());
    }

    @Test
    void pullsGoOnlyToEndpointsThatWantThem() {
        try (WebhookReceiver audit = WebhookReceiver.start()) {
            RunningRegistry registry = registry("pulls", Map.of("notifications.endpoints.ci.ignoredactions", "pull",
                    "notifications.endpoints.audit.url", audit.url().toString(),
                    "notifications.endpoints.audit.backoff", "100ms"));
            RegistryClient client = new RegistryClient(registry.baseUri());
            Digest manifest = pushImage(client, "pulled/app", "v1");
            assertEquals(200, client.get("/v2/pulled/app/manifests/v1", "Accept", OCI_MANIFEST).statusCode());
            assertEquals(200, client.send("HEAD", "/v2/pulled/app/manifests/v1", null, "Accept", OCI_MANIFEST)
                    .statusCode());

            List<Map<?, ?>> audited = audit.awaitEvents(e -> e.size() >= 4, WAIT);
            Map<?, ?> pull = audited.get(3);
            assertEquals("pull", pull.get("action"));
            assertEquals(manifest.toString(), target(pull).get("digest"));
            receiver.awaitEvents(e -> e.size() >= 3, WAIT);
            pushImage(client, "pulled/app", "v2");
            audit.awaitEvents(e -> e.size() >= 7, WAIT);
            List<Map<?, ?>> ci = receiver.awaitEvents(e -> e.size() >= 6, WAIT);
            assertTrue(ci.stream().noneMatch(e -> "pull".equals(e.get("action"))), "ci ignores pulls: " + ci);
            assertEquals(7, audit.events().size(), "a HEAD is not a pull");
        }
    }

    @Test
    void aHangingReceiverDoesNotHoldUpPushes() throws Exception {
        RunningRegistry registry = registry("hanging", Map.of("notifications.endpoints.ci.timeout", "30s"));
        RegistryClient client = new RegistryClient(registry.baseUri());
        receiver.mode(WebhookReceiver.Mode.HANGING);
        pushImage(client, "hang/app", "first");
        Thread.sleep(500); // the dispatcher is now waiting on the receiver
        CompletableFuture<Void> pushes = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 5; i++) {
                pushImage(client, "hang/app", "more" + i);
            }
        });
        pushes.get(20, TimeUnit.SECONDS);
        assertTrue(receiver.events().isEmpty(), "nothing was delivered while the receiver hung");
        receiver.mode(WebhookReceiver.Mode.UP);
        List<Map<?, ?>> events = receiver.awaitEvents(e -> new LinkedHashSet<>(ids(e)).size() >= 18, WAIT);
        assertEquals(18, new LinkedHashSet<>(ids(events)).size());
    }

    /** An event the receiver refused too often is listed by {@code wharf events dead} and sent again by replay. */
    @Test
    void deadLettersAreListedAndReplayedFromTheCommandLine() throws Exception {
        int postgres = RunningRegistry.freePort();
        RunningRegistry registry = registry("dead", Map.of("catalog.postgres.embedded-port", Integer.toString(postgres),
                "notifications.endpoints.ci.maxattempts", "2"));
        receiver.mode(WebhookReceiver.Mode.DOWN);
        Digest blob = new RegistryClient(registry.baseUri()).pushBlob("dead/app", "refused".getBytes(StandardCharsets.UTF_8));
        Path config = Files.writeString(dir.resolve("admin.yml"), """
                catalog:
                  postgres:
                    url: jdbc:postgresql://127.0.0.1:%d/postgres
                    user: postgres
                """.formatted(postgres));

        String listed = "";
        for (int attempt = 0; attempt < 100 && !listed.contains(blob.toString().substring(0, 19)); attempt++) {
            Thread.sleep(100);
            listed = cli("events", "dead", "--endpoint", "ci", "--config", config.toString());
        }
        assertTrue(listed.contains("dead/app@" + blob.toString().substring(0, 19)) && listed.contains("HTTP 503"),
                listed);
        assertTrue(listed.contains("1 dead letter(s)"), listed);

        receiver.mode(WebhookReceiver.Mode.UP);
        assertTrue(cli("events", "replay", "--endpoint", "ci", "--config", config.toString())
                .contains("1 dead letter(s) of endpoint ci queued"));
        List<Map<?, ?>> events = receiver.awaitEvents(e -> !e.isEmpty(), WAIT);
        assertEquals(blob.toString(), target(events.getFirst()).get("digest"));
        assertTrue(cli("events", "dead", "--config", config.toString()).contains("0 dead letter(s)"));
    }

    private static String cli(String... args) throws InterruptedException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status = io.wharf.bootstrap.MainAccess.run(args, out, err);
        assertEquals(0, status, () -> "wharf " + String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void twoInstancesOnOneDatabaseShareTheWorkAndLoseNothing() throws Exception {
        int port = RunningRegistry.freePort();
        RunningRegistry first = registry("first", Map.of("catalog.postgres.embedded-port", Integer.toString(port)));
        RunningRegistry second = registry("second", Map.of("catalog.postgres.url",
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "catalog.postgres.user", "postgres"));
        RegistryClient a = new RegistryClient(first.baseUri());
        RegistryClient b = new RegistryClient(second.baseUri());
        CompletableFuture<Void> viaFirst = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 15; i++) {
                pushImage(a, "shared/one", "t" + i);
            }
        });
        CompletableFuture<Void> viaSecond = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 15; i++) {
                pushImage(b, "shared/two", "t" + i);
            }
        });
        CompletableFuture.allOf(viaFirst, viaSecond).get(60, TimeUnit.SECONDS);
        List<Map<?, ?>> events = receiver.awaitEvents(e -> new LinkedHashSet<>(ids(e)).size() >= 90, WAIT);
        Set<String> unique = new LinkedHashSet<>(ids(events));
        assertEquals(90, unique.size(), "15 images × 3 pushes × 2 instances");
        Set<String> sources = new LinkedHashSet<>();
        events.forEach(e -> sources.add((String) ((Map<?, ?>) e.get("source")).get("instanceID")));
        assertEquals(2, sources.size(), "both instances recorded events");
        System.out.printf("two instances: 90 events recorded, %d received, %d duplicates%n", events.size(),
                events.size() - unique.size());
    }
}
