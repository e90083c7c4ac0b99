package io.wharf.bootstrap.notify;

import io.wharf.bootstrap.testing.RegistryClient;
import io.wharf.bootstrap.testing.RegistryProcess;
import io.wharf.bootstrap.testing.RunningRegistry;
import io.wharf.bootstrap.testing.WebhookReceiver;
import io.wharf.domain.model.Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry process is killed with SIGKILL in the middle of a burst of pushes, then started again:
 * every push a client was told succeeded must reach the receiver. The registry runs as a child JVM
 * (the same modules as this test) on a PostgreSQL that outlives it, as a production database would.
 */
@Timeout(300)
class NotificationsCrashTest {
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final int PUSHERS = 4;

    @TempDir
    Path dir;

    /** What a client was told was stored: a blob or manifest push, by repository and digest. */
    private record Acknowledged(String repository, String digest) {
    }

    @Test
    void everyAcknowledgedPushIsDeliveredAfterAKill9() throws Exception {
        int postgresPort = RunningRegistry.freePort();
        // An in-test registry only to own the PostgreSQL server the child registry uses and outlives.
        try (WebhookReceiver receiver = WebhookReceiver.start();
             RunningRegistry database = RunningRegistry.start(Files.createDirectories(dir.resolve("database")),
                     Map.of("catalog.postgres.embedded-port", Integer.toString(postgresPort)))) {
            int port = RunningRegistry.freePort();
            Path config = writeConfig(receiver.url(), postgresPort);
            Process registry = startChild(port, config, "first");
            RegistryClient client = new RegistryClient(URI.create("http://127.0.0.1:" + port));

            Set<Acknowledged> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean killed = new AtomicBoolean();
            ExecutorService pushers = Executors.newFixedThreadPool(PUSHERS);
            for (int p = 0; p < PUSHERS; p++) {
                int pusher = p;
                pushers.submit(() -> pushUntilRefused(client, "crash/p" + pusher, acknowledged, killed));
            }
            Thread.sleep(2_000);
            registry.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop
            registry.waitFor(30, TimeUnit.SECONDS);
            killed.set(true);
            pushers.shutdown();
            assertTrue(pushers.awaitTermination(60, TimeUnit.SECONDS));
            assertTrue(acknowledged.size() > 10, "the burst was under way when the kill came: " + acknowledged.size());

            Process restarted = startChild(port, config, "second");
            try {
                List<Map<?, ?>> events = receiver.awaitEvents(received -> covered(received, acknowledged),
                        Duration.ofSeconds(60));
                Set<String> ids = new HashSet<>();
                events.forEach(e -> ids.add((String) e.get("id")));
                Set<Acknowledged> received = pushes(events);
                long lost = acknowledged.stream().filter(a -> !received.contains(a)).count();
                System.out.printf("kill -9 during a burst: %d pushes acknowledged, %d events received (%d distinct,"
                                + " %d duplicates, %d for pushes cut off before their answer), %d lost%n",
                        acknowledged.size(), events.size(), ids.size(), events.size() - ids.size(),
                        received.size() - received.stream().filter(acknowledged::contains).count(), lost);
                assertEquals(0, lost);
            } finally {
                restarted.destroy();
                restarted.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Pushes one image after another until the registry stops answering; records what was acknowledged. */
    private static void pushUntilRefused(RegistryClient client, String repository, Set<Acknowledged> acknowledged,
                                         AtomicBoolean killed) {
        for (int i = 0; !killed.get(); i++) {
            try {
                byte[] layer = (repository + " layer " + i).getBytes(StandardCharsets.UTF_8);
                byte[] config = ("{\"n\":\"" + repository + i + "\"}").getBytes(StandardCharsets.UTF_8);
                Digest layerDigest = client.pushBlob(repository, layer);
                acknowledged.add(new Acknowledged(repository, layerDigest.toString()));
                Digest configDigest = client.pushBlob(repository, config);
                acknowledged.add(new Acknowledged(repository, configDigest.toString()));
                String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                        + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":"
                        + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                        + "\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}";
                HttpResponse<byte[]> put = client.putManifest(repository, "t" + i, OCI_MANIFEST, manifest);
                if (put.statusCode() == 201) {
                    acknowledged.add(new Acknowledged(repository,
                            Digest.sha256(manifest.getBytes(StandardCharsets.UTF_8)).toString()));
                }
            } catch (RuntimeException | AssertionError e) {
                return; // the registry is gone: what it acknowledged so far is what counts
            }
        }
    }

    private static boolean covered(List<Map<?, ?>> events, Set<Acknowledged> acknowledged) {
        return pushes(events).containsAll(acknowledged);
    }

    private static Set<Acknowledged> pushes(List<Map<?, ?>> events) {
        Set<Acknowledged> pushes = new HashSet<>();
        for (Map<?, ?> e : events) {
            if ("push".equals(e.get("action"))) {
                Map<?, ?> target = (Map<?, ?>) e.get("target");
                pushes.add(new Acknowledged((String) target.get("repository"), (String) target.get("digest")));
            }
        }
        return pushes;
    }

    private Path writeConfig(URI receiver, int postgresPort) throws IOException {
        return Files.writeString(dir.resolve("wharf.yml"), """
                http:
                  host: 127.0.0.1
                  shutdown-grace: 2s
                admin:
                  port: 0
                catalog:
                  postgres:
                    url: jdbc:postgresql://127.0.0.1:%d/postgres
                    user: postgres
                notifications:
                  endpoints:
                    ci:
                      url: %s
                      timeout: 2s
                      backoff: 100ms
                      maxbackoff: 1s
                """.formatted(postgresPort, receiver));
    }

    /** Starts the registry as a child JVM on this test's module path and waits until it answers. */
    private Process startChild(int port, Path config, String name) throws IOException, InterruptedException {
        return RegistryProcess.start(port, dir.resolve("registry-" + name + ".log"),
                "--data-dir", dir.resolve("child").toString(), "--config", config.toString());
    }
}
