package io.wharf.bootstrap.health;

import io.wharf.bootstrap.testing.RegistryClient;
import io.wharf.bootstrap.testing.RunningRegistry;
import io.wharf.domain.json.JsonReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static io.wharf.bootstrap.testing.RegistryClient.header;
import static io.wharf.bootstrap.testing.RegistryClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The health endpoints of a real registry whose real dependencies fail: its PostgreSQL stopped, its storage
 * root replaced by a file, its S3 endpoint a socket that never answers or a closed port. Readiness and
 * {@code /debug/health} must turn 503 naming the failing check, within the check timeout; liveness stays 200.
 */
@Timeout(240)
class HealthEndpointsTest {
    private static final String SECRET = "s3cr3t-never-shown";
    /** The check timeout (2 s) plus room for a loaded machine; a probe waiting on Hikari's 30 s would exceed it. */
    private static final Duration PROBE_BOUND = Duration.ofSeconds(8);

    @TempDir
    Path dir;

    @Test
    void aHealthyRegistryAnswers200() {
        try (RunningRegistry registry = RunningRegistry.start(dir)) {
            HttpResponse<byte[]> debug = probe(registry.baseUri(), "/debug/health");
            assertEquals(200, debug.statusCode());
            assertEquals("{}", text(debug));
            assertEquals("application/json; charset=utf-8", header(debug, "Content-Type"));
            assertEquals("{}", text(expect(200, registry.adminUri(), "/debug/health")));
            assertEquals("{\"status\":\"UP\"}", text(expect(200, registry.adminUri(), "/health/live")));
            assertEquals("{\"status\":\"UP\",\"checks\":{\"catalog_postgres\":\"UP\",\"storagedriver_filesystem\":\"UP\"}}",
                    text(expect(200, registry.adminUri(), "/health/ready")));
        }
    }

    @Test
    void aStoppedDatabaseMakesTheRegistryUnreadyButAlive() throws IOException {
        int postgresPort = RunningRegistry.freePort();
        Map<String, String> ownsPostgres = Map.of("catalog.postgres.embedded-port", Integer.toString(postgresPort));
        Path databaseDir = Files.createDirectories(dir.resolve("database"));
        // A registry only to own the PostgreSQL server the registry under test uses as its external catalog.
        RunningRegistry database = RunningRegistry.start(databaseDir, ownsPostgres);
        try (RunningRegistry registry = RunningRegistry.start(Files.createDirectories(dir.resolve("registry")), Map.of(
                "catalog.postgres.url", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres?password=" + SECRET,
                "catalog.postgres.user", "postgres"))) {
            expect(200, registry.adminUri(), "/health/ready");

            database.close();
            Map<?, ?> ready = json(awaitStatus(503, registry.adminUri(), "/health/ready"));
            assertEquals("DOWN", ready.get("status"));
            Map<?, ?> checks = (Map<?, ?>) ready.get("checks");
            assertTrue(((String) checks.get("catalog_postgres")).startsWith("DOWN: "), checks.toString());
            assertEquals("UP", checks.get("storagedriver_filesystem"));
            assertFailing(Set.of("catalog_postgres"), registry);
            expect(200, registry.adminUri(), "/health/live");

            database = RunningRegistry.start(databaseDir, ownsPostgres);
            awaitStatus(200, registry.adminUri(), "/health/ready");
            assertEquals("{}", text(expect(200, registry.baseUri(), "/debug/health")));
        } finally {
            database.close();
        }
    }

    @Test
    void aStorageRootReplacedByAFileMakesTheRegistryUnready() throws IOException {
        Path root = dir.resolve("blobs");
        try (RunningRegistry registry = RunningRegistry.start(Files.createDirectories(dir.resolve("data")),
                Map.of("storage.filesystem.rootdirectory", root.toString()))) {
            expect(200, registry.adminUri(), "/health/ready");

            deleteTree(root);
            Files.writeString(root, "not a directory");
            Map<?, ?> checks = (Map<?, ?>) json(awaitStatus(503, registry.adminUri(), "/health/ready")).get("checks");
            assertEquals("DOWN: the storage root is missing or not a directory", checks.get("storagedriver_filesystem"));
            assertEquals("UP", checks.get("catalog_postgres"));
            assertFailing(Set.of("storagedriver_filesystem"), registry);
            expect(200, registry.adminUri(), "/health/live");

            Files.delete(root);
            Files.createDirectories(root);
            awaitStatus(200, registry.adminUri(), "/health/ready");
        }
    }

    /** A socket that accepts and never answers, as a firewalled or hung S3 looks: the probe must not hang with it. */
    @Test
    void anS3ThatNeverAnswersFailsTheCheckWithinTheTimeout() throws IOException {
        try (BlackHole s3 = BlackHole.open()) {
            assertS3Failing(s3.port());
        }
    }

    @Test
    void anS3OnAClosedPortFailsTheCheck() {
        assertS3Failing(RunningRegistry.freePort());
    }

    private void assertS3Failing(int port) {
        try (RunningRegistry registry = RunningRegistry.start(dir, Map.of(
                "storage.driver", "s3",
                "storage.s3.bucket", "wharf",
                "storage.s3.regionendpoint", "http://127.0.0.1:" + port,
                "storage.s3.forcepathstyle", "true",
                "storage.s3.accesskey", "AKIAHEALTHCHECK",
                "storage.s3.secretkey", SECRET))) {
            Map<?, ?> checks = (Map<?, ?>) json(expect(503, registry.adminUri(), "/health/ready")).get("checks");
            assertTrue(((String) checks.get("storagedriver_s3")).startsWith("DOWN: "), checks.toString());
            assertEquals("UP", checks.get("catalog_postgres"));
            assertFailing(Set.of("storagedriver_s3"), registry);
            expect(200, registry.adminUri(), "/health/live");
        }
    }

    /** {@code /debug/health} on both ports: 503, exactly these checks named, messages without secrets or traces. */
    private static void assertFailing(Set<String> failing, RunningRegistry registry) {
        for (URI base : List.of(registry.baseUri(), registry.adminUri())) {
            HttpResponse<byte[]> debug = expect(503, base, "/debug/health");
            Map<?, ?> failures = json(debug);
            assertEquals(failing, failures.keySet(), text(debug));
            for (Object message : failures.values()) {
                assertFalse(((String) message).isBlank());
            }
            assertFalse(text(debug).contains(SECRET), text(debug));
            assertFalse(text(debug).contains("\tat ") || text(debug).contains("\\tat "), text(debug));
        }
        assertFalse(text(probe(registry.adminUri(), "/health/ready")).contains(SECRET));
    }

    private static HttpResponse<byte[]> expect(int status, URI base, String path) {
        HttpResponse<byte[]> response = probe(base, path);
        assertEquals(status, response.statusCode(), path + " answered " + text(response));
        return response;
    }

    /** Polls until the status comes (outcomes are reused for a second, and a failure takes a moment to show). */
    private static HttpResponse<byte[]> awaitStatus(int status, URI base, String path) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<byte[]> response = probe(base, path);
            if (response.statusCode() == status || System.nanoTime() > deadline) {
                assertEquals(status, response.statusCode(), path + " answered " + text(response));
                return response;
            }
            sleep(200);
        }
    }

    /** One GET, which must answer within {@link #PROBE_BOUND} whatever the dependencies do. */
    private static HttpResponse<byte[]> probe(URI base, String path) {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = new RegistryClient(base).get(path);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(PROBE_BOUND) < 0, path + " took " + took);
        return response;
    }

    private static Map<?, ?> json(HttpResponse<byte[]> response) {
        return (Map<?, ?>) JsonReader.parse(response.body());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Accepts connections on a loopback port and never reads or writes. */
    private record BlackHole(ServerSocket server, List<Socket> accepted) implements AutoCloseable {
        static BlackHole open() throws IOException {
            BlackHole hole = new BlackHole(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                    new CopyOnWriteArrayList<>());
            Thread.ofVirtual().name("black-hole").start(() -> {
                try {
                    while (true) {
                        hole.accepted.add(hole.server.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            return hole;
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() {
            try {
                server.close();
                for (Socket socket : accepted) {
                    socket.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
