package io.wharf.bootstrap.logging;

import io.wharf.bootstrap.testing.RegistryClient;
import io.wharf.bootstrap.testing.RegistryProcess;
import io.wharf.bootstrap.testing.RunningRegistry;
import io.wharf.bootstrap.testing.SecuredRegistry;
import io.wharf.bootstrap.testing.SecuredRegistry.User;
import io.wharf.domain.json.JsonException;
import io.wharf.domain.json.JsonReader;
import io.wharf.domain.model.Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code wharf serve} as a process with the default JSON logs: everything it prints is one JSON object a
 * line, each request has an access line in the trace the client sent, and the per-package levels apply.
 */
@Timeout(180)
class JsonLogsEndToEndTest {
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String BLOB_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String MANIFEST_TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String PULL_TRACE = "5b8aa5a2d2c872e8321cf37308d69df2";
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";

    @TempDir
    Path dir;

    @Test
    void everyLineIsJsonAndEveryRequestHasAnAccessLineInTheClientsTrace() throws Exception {
        Path config = Files.writeString(dir.resolve("wharf.yml"), """
                http:
                  host: 127.0.0.1
                  shutdown-grace: 2s
                admin:
                  port: 0
                auth:
                  mode: htpasswd
                  htpasswd:
                    path: %s
                  policy: %s
                log:
                  levels:
                    io.wharf.storage: DEBUG
                    com.zaxxer.hikari: WARN
                """.formatted(SecuredRegistry.copy("htpasswd", dir), SecuredRegistry.copy("policy.yml", dir)));
        int port = RunningRegistry.freePort();
        Path console = dir.resolve("console.log");
        Process registry = RegistryProcess.start(port, console, "--data-dir", dir.resolve("data").toString(),
                "--config", config.toString());
        String authorization = "Basic " + Base64.getEncoder().encodeToString(
                ("writer:" + User.WRITER.password()).getBytes(StandardCharsets.UTF_8));
        byte[] layer = "a layer, logged".getBytes(StandardCharsets.UTF_8);
        String manifest;
        long blobAnswerBytes;
        try {
            RegistryClient client = new RegistryClient(URI.create("http://127.0.0.1:" + port));
            Digest layerDigest = Digest.sha256(layer);
            HttpResponse<byte[]> blob = client.send("POST", "/v2/writer/app/blobs/uploads/?digest=" + layerDigest,
                    layer, "Content-Type", "application/octet-stream", "Authorization", authorization,
                    "traceparent", "00-" + BLOB_TRACE + "-" + CLIENT_SPAN + "-01");
            assertEquals(201, blob.statusCode(), RegistryClient.text(blob));
            blobAnswerBytes = blob.body().length;
            byte[] image = "{}".getBytes(StandardCharsets.UTF_8);
            assertEquals(201, client.send("POST", "/v2/writer/app/blobs/uploads/?digest=" + Digest.sha256(image),
                    image, "Content-Type", "application/octet-stream", "Authorization", authorization).statusCode());
            manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                    + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + Digest.sha256(image)
                    + "\",\"size\":2},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                    + "\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}";
            HttpResponse<byte[]> put = client.send("PUT", "/v2/writer/app/manifests/v1",
                    manifest.getBytes(StandardCharsets.UTF_8), "Content-Type", OCI_MANIFEST,
                    "Authorization", authorization, "traceparent", "00-" + MANIFEST_TRACE + "-" + CLIENT_SPAN + "-01");
            assertEquals(201, put.statusCode(), RegistryClient.text(put));
            HttpResponse<byte[]> pull = client.get("/v2/writer/app/blobs/" + layerDigest, "Authorization",
                    authorization, "traceparent", "00-" + PULL_TRACE + "-" + CLIENT_SPAN + "-01");
            assertEquals(200, pull.statusCode());
        } finally {
            registry.destroy(); // SIGTERM: the graceful stop logs too
            assertTrue(registry.waitFor(60, TimeUnit.SECONDS), "the registry did not stop");
        }

        List<String> text = Files.readAllLines(console, StandardCharsets.UTF_8);
        List<Map<?, ?>> lines = new ArrayList<>();
        for (String line : text) {
            try {
                lines.add((Map<?, ?>) JsonReader.parse(line));
            } catch (JsonException | ClassCastException e) {
                throw new AssertionError("not a JSON object: " + line, e);
            }
        }
        assertTrue(lines.size() > 20, "the start alone logs more than this:\n" + String.join("\n", text));
        for (Map<?, ?> line : lines) {
            assertTrue(line.keySet().containsAll(List.of("time", "level", "logger", "message", "thread")),
                    line.toString());
            assertTrue(((String) line.get("time")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
                    line.toString());
        }

        Map<?, ?> blobLine = access(lines, BLOB_TRACE);
        assertEquals("POST", blobLine.get("method"));
        assertEquals("/v2/{name}/blobs/uploads/", blobLine.get("route"));
        assertEquals(201L, blobLine.get("status"));
        assertEquals((long) layer.length, blobLine.get("bytes_in"));
        assertEquals(blobAnswerBytes, blobLine.get("bytes_out"));
        assertEquals("writer", blobLine.get("user"));
        assertEquals("127.0.0.1", blobLine.get("client"));
        assertEquals("INFO", blobLine.get("level"));
        assertTrue(blobLine.get("duration_ms") instanceof Number, blobLine.toString());
        assertTrue(((String) blobLine.get("span_id")).matches("[0-9a-f]{16}"), blobLine.toString());
        assertNotEquals(CLIENT_SPAN, blobLine.get("span_id"), "the server span is a child of the client's");

        Map<?, ?> manifestLine = access(lines, MANIFEST_TRACE);
        assertEquals("PUT", manifestLine.get("method"));
        assertEquals("/v2/{name}/manifests/{reference}", manifestLine.get("route"));
        assertEquals(201L, manifestLine.get("status"));
        assertEquals((long) manifest.getBytes(StandardCharsets.UTF_8).length, manifestLine.get("bytes_in"));
        assertEquals("writer", manifestLine.get("user"));

        Map<?, ?> pullLine = access(lines, PULL_TRACE);
        assertEquals("GET", pullLine.get("method"));
        assertEquals("/v2/{name}/blobs/{digest}", pullLine.get("route"));
        assertEquals(200L, pullLine.get("status"));
        assertEquals(0L, pullLine.get("bytes_in"));
        assertEquals((long) layer.length, pullLine.get("bytes_out"), "the body, not the headers");

        // every request has its line, the readiness probe's (401, anonymous) too, in a trace of its own: without
        // a traces exporter (as here) requests still get span ids for their log lines
        Map<?, ?> probe = lines.stream().filter(l -> AccessLog.LOGGER.equals(l.get("logger"))
                && "/v2/".equals(l.get("route"))).findFirst().orElseThrow(() -> new AssertionError("no line for /v2/"));
        assertEquals(401L, probe.get("status"));
        assertEquals("", probe.get("user"));
        assertTrue(((String) probe.get("trace_id")).matches("[0-9a-f]{32}"), probe.toString());
        // log.levels.io.wharf.storage: DEBUG: every storage call, in the trace of the request that made it
        assertTrue(lines.stream().anyMatch(l -> "io.wharf.storage".equals(l.get("logger")) && "DEBUG".equals(l.get("level"))
                && BLOB_TRACE.equals(l.get("trace_id"))), "no storage call at DEBUG in the blob push's trace");
        // log.levels.com.zaxxer.hikari: WARN silences the pool's INFO start lines; other libraries keep INFO
        assertFalse(lines.stream().anyMatch(l -> ((String) l.get("logger")).startsWith("com.zaxxer.hikari")),
                "Hikari logged below WARN");
        assertTrue(lines.stream().anyMatch(l -> ((String) l.get("logger")).startsWith("org.flywaydb")
                && "INFO".equals(l.get("level"))), "Flyway's INFO lines are missing: the root level is not INFO");
        Map<?, ?> started = lines.stream().filter(l -> ((String) l.get("message")).startsWith("Wharf listening on"))
                .findFirst().orElseThrow(() -> new AssertionError("no start line"));
        assertFalse(started.containsKey("trace_id"), "no span is current at start: " + started);
        for (String line : text) {
            assertFalse(line.contains(User.WRITER.password()) || line.contains(authorization.substring(6)),
                    "a credential reached the log: " + line);
        }
    }

    /** The one access line in this trace. */
    private static Map<?, ?> access(List<Map<?, ?>> lines, String traceId) {
        List<Map<?, ?>> found = lines.stream()
                .filter(l -> AccessLog.LOGGER.equals(l.get("logger")) && traceId.equals(l.get("trace_id")))
                .toList();
        assertEquals(1, found.size(), () -> "access lines in trace " + traceId + ": " + found);
        return found.getFirst();
    }
}
