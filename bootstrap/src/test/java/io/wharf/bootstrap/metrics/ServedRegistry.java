package io.wharf.bootstrap.metrics;

import io.wharf.bootstrap.testing.PrometheusExposition;
import io.wharf.bootstrap.testing.RegistryClient;
import io.wharf.bootstrap.testing.RunningRegistry;
import io.wharf.bootstrap.testing.WebhookReceiver;
import io.wharf.domain.model.Digest;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import static io.wharf.bootstrap.testing.RegistryClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The real registry (filesystem storage, embedded PostgreSQL, a webhook endpoint "ci" on a real receiver)
 * after known traffic: an image pushed and pulled, misses, open and cancelled uploads. It keeps what was
 * sent, so that tests can hold the scrape of its admin port against it.
 */
final class ServedRegistry implements AutoCloseable {
    static final String REPOSITORY = "team/app";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String MANIFESTS = "/v2/{name}/manifests/{reference}";
    static final String BLOBS = "/v2/{name}/blobs/{digest}";
    static final String UPLOAD_START = "/v2/{name}/blobs/uploads/";
    static final String UPLOAD = "/v2/{name}/blobs/uploads/{session}";
    static final int OPEN_UPLOADS = 2;

    /** A request as its metric attributes name it; {@code route} empty for a path that names no endpoint. */
    record Request(String method, String route, int status) {
    }

    final byte[] layer = "a layer, as far as the registry can tell".repeat(100).getBytes(StandardCharsets.UTF_8);
    final byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    final byte[] manifest;
    /** How many requests of each kind were made. */
    final Map<Request, Integer> requests = new LinkedHashMap<>();

    private final WebhookReceiver receiver;
    private final RunningRegistry registry;
    private final RegistryClient client;
    private final RegistryClient admin;

    private ServedRegistry(Path dataDir) {
        receiver = WebhookReceiver.start();
        registry = RunningRegistry.start(dataDir, Map.of("notifications.endpoints.ci.url", receiver.url().toString()));
        client = new RegistryClient(registry.baseUri());
        admin = new RegistryClient(registry.adminUri());
        manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + Digest.sha256(config) + "\",\"size\":"
                + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                + "\"digest\":\"" + Digest.sha256(layer) + "\",\"size\":" + layer.length + "}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Starts the registry and sends it the traffic. */
    static ServedRegistry serve(Path dataDir) {
        ServedRegistry served = new ServedRegistry(dataDir);
        try {
            served.traffic();
            return served;
        } catch (RuntimeException | AssertionError e) {
            served.close();
            throw e;
        }
    }

    private void traffic() {
        send(new Request("GET", "/v2/", 200), "GET", "/v2/", null);
        String blobs = "/v2/" + REPOSITORY + "/blobs/";
        for (byte[] blob : new byte[][] {layer, config}) {
            send(new Request("POST", UPLOAD_START, 201), "POST", blobs + "uploads/?digest=" + Digest.sha256(blob), blob,
                    "Content-Type", "application/octet-stream");
        }
        String tagged = "/v2/" + REPOSITORY + "/manifests/v1";
        send(new Request("PUT", MANIFESTS, 201), "PUT", tagged, manifest, "Content-Type", OCI_MANIFEST);
        for (int i = 0; i < 3; i++) {
            send(new Request("GET", MANIFESTS, 200), "GET", tagged, null, "Accept", OCI_MANIFEST);
        }
        send(new Request("HEAD", MANIFESTS, 200), "HEAD", tagged, null, "Accept", OCI_MANIFEST);
        for (int i = 0; i < 2; i++) {
            send(new Request("GET", MANIFESTS, 404), "GET", "/v2/" + REPOSITORY + "/manifests/missing", null,
                    "Accept", OCI_MANIFEST);
            send(new Request("GET", BLOBS, 200), "GET", blobs + Digest.sha256(layer), null);
        }
        String cancelled = null;
        for (int i = 0; i < OPEN_UPLOADS + 1; i++) {
            cancelled = RegistryClient.header(send(new Request("POST", UPLOAD_START, 202), "POST", blobs + "uploads/",
                    null), "Location");
        }
        send(new Request("DELETE", UPLOAD, 204), "DELETE", cancelled, null);
        // the registry port does not serve the metrics: they are for the operator's network only
        send(new Request("GET", "", 404), "GET", "/metrics", null);
    }

    private HttpResponse<byte[]> send(Request expected, String method, String path, byte[] body, String... headers) {
        HttpResponse<byte[]> response = client.send(method, path, body, headers);
        assertEquals(expected.status(), response.statusCode(), () -> method + " " + path + ": " + text(response));
        requests.merge(expected, 1, Integer::sum);
        return response;
    }

    int requestCount() {
        return requests.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** {@code GET /metrics} on the admin port. */
    HttpResponse<byte[]> scrapeResponse() {
        return admin.get("/metrics");
    }

    /**
     * Scrapes until {@code ready}: the request metrics are recorded just after the answer is sent, webhook
     * figures once the receiver answered, GC figures after a collection.
     */
    PrometheusExposition scrapeWhen(Predicate<PrometheusExposition> ready) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Instant nextGc = Instant.MIN;
        while (true) {
            HttpResponse<byte[]> response = scrapeResponse();
            assertEquals(200, response.statusCode(), () -> text(response));
            PrometheusExposition exposition = PrometheusExposition.parse(text(response));
            if (ready.test(exposition)) {
                return exposition;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the scrape was not ready within 30 s:\n" + text(response));
            }
            if (Instant.now().isAfter(nextGc)) {
                System.gc(); // so that jvm.gc.duration has a collection to show
                nextGc = Instant.now().plusSeconds(1);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Scrapes once every family this traffic produces is there, with all requests counted. */
    PrometheusExposition settledScrape() {
        return scrapeWhen(exposition -> exposition.families().containsKey("jvm_gc_duration_seconds")
                && exposition.families().containsKey("wharf_notifications_events_total")
                && exposition.sum("http_server_request_duration_seconds_count", Map.of()) >= requestCount());
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            receiver.close();
        }
    }
}
