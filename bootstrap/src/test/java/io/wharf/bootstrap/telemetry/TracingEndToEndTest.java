package io.wharf.bootstrap.telemetry;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.wharf.bootstrap.testing.OtlpReceiver;
import io.wharf.bootstrap.testing.OtlpReceiver.ReceivedSpan;
import io.wharf.bootstrap.testing.RegistryClient;
import io.wharf.bootstrap.testing.RunningRegistry;
import io.wharf.bootstrap.testing.WebhookReceiver;
import io.wharf.domain.model.Digest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.wharf.bootstrap.testing.RegistryClient.header;
import static io.wharf.bootstrap.testing.RegistryClient.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A registry exporting OTLP over http/protobuf to a receiver that decodes it with the official protobuf
 * classes: the span trees of a push and a pull, the client's trace continued, the webhook call in the
 * push's trace with its {@code traceparent} passed on, and the metrics exported alongside.
 */
@Timeout(120)
class TracingEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    @TempDir
    static Path dir;
    private static OtlpReceiver otlp;
    private static WebhookReceiver hooks;
    private static RunningRegistry registry;
    private static RegistryClient client;

    @BeforeAll
    static void start() {
        otlp = OtlpReceiver.start();
        hooks = WebhookReceiver.start();
        registry = RunningRegistry.start(dir, Map.of(
                "otel.exporter.otlp.endpoint", otlp.endpoint().toString(),
                "otel.exporter.otlp.protocol", "http/protobuf",
                "otel.bsp.schedule.delay", "100",
                "otel.metric.export.interval", "500",
                "notifications.endpoints.ci.url", hooks.url().toString(),
                "notifications.endpoints.ci.ignoredactions", "pull",
                "notifications.endpoints.ci.backoff", "100ms"));
        client = new RegistryClient(registry.baseUri());
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (hooks != null) {
            hooks.close();
        }
        if (otlp != null) {
            otlp.close();
        }
    }

    @Test
    void aPushIsOneTraceOfServerSpansWithUseCaseStorageAndSqlSpansUnderThem() {
        Trace trace = Trace.sampled();
        byte[] layer = "a layer pushed in two steps".getBytes(StandardCharsets.UTF_8);
        Digest layerDigest = Digest.sha256(layer);
        HttpResponse<byte[]> opened = client.send("POST", "/v2/traced/app/blobs/uploads/", null,
                "traceparent", trace.header());
        assertEquals(202, opened.statusCode(), () -> text(opened));
        String location = header(opened, "Location");
        HttpResponse<byte[]> patched = client.send("PATCH", location, layer, "traceparent", trace.header(),
                "Content-Type", "application/octet-stream");
        assertEquals(202, patched.statusCode(), () -> text(patched));
        HttpResponse<byte[]> completed = client.send("PUT", location + "?digest=" + layerDigest, null,
                "traceparent", trace.header());
        assertEquals(201, completed.statusCode(), () -> text(completed));
        Digest configDigest = client.pushBlob("traced/app", "{}".getBytes(StandardCharsets.UTF_8));
        String manifest = manifest(configDigest, 2, layerDigest, layer.length);
        HttpResponse<byte[]> put = client.send("PUT", "/v2/traced/app/manifests/v1",
                manifest.getBytes(StandardCharsets.UTF_8), "Content-Type", OCI_MANIFEST, "traceparent", trace.header());
        assertEquals(201, put.statusCode(), () -> text(put));

        List<ReceivedSpan> spans = otlp.await(all -> server(all, trace.id(), "PUT /v2/{name}/manifests/{reference}") != null
                && webhook(all, trace.id()) != null, WAIT);
        List<ReceivedSpan> inTrace = spans.stream().filter(s -> s.traceId().equals(trace.id())).toList();

        ReceivedSpan start = server(inTrace, trace.id(), "POST /v2/{name}/blobs/uploads/");
        ReceivedSpan append = server(inTrace, trace.id(), "PATCH /v2/{name}/blobs/uploads/{session}");
        ReceivedSpan complete = server(inTrace, trace.id(), "PUT /v2/{name}/blobs/uploads/{session}");
        ReceivedSpan manifestPut = server(inTrace, trace.id(), "PUT /v2/{name}/manifests/{reference}");
        for (ReceivedSpan server : List.of(start, append, complete, manifestPut)) {
            assertThat(server).as("server span").isNotNull();
            // the client's span is the parent: the trace continues, it does not start here
            assertEquals(trace.parentSpanId(), server.parentSpanId(), server.name());
            assertEquals("io.wharf.http", server.scope());
        }
        assertEquals("202", start.attribute("http.response.status_code"));
        assertEquals("/v2/{name}/blobs/uploads/", start.attribute("http.route"));
        assertEquals("POST", start.attribute("http.request.method"));
        assertEquals("/v2/traced/app/blobs/uploads/", start.attribute("url.path"));
        assertEquals(Long.toString(layer.length), append.attribute("http.request.body.size"));
        assertEquals("201", manifestPut.attribute("http.response.status_code"));

        ReceivedSpan starting = child(inTrace, start, "BlobUploads.start");
        assertEquals("traced/app", starting.attribute("wharf.repository"));
        assertThat(sql(inTrace, starting)).as("SQL under BlobUploads.start").isNotEmpty();

        ReceivedSpan appending = child(inTrace, append, "BlobUploads.append");
        assertThat(storage(inTrace, appending)).as("storage calls under BlobUploads.append").isNotEmpty();

        ReceivedSpan completing = child(inTrace, complete, "BlobUploads.complete");
        assertEquals(layerDigest.toString(), completing.attribute("wharf.digest"));
        assertThat(storage(inTrace, completing)).as("storage calls under BlobUploads.complete").isNotEmpty();
        assertThat(sql(inTrace, completing)).as("SQL under BlobUploads.complete").isNotEmpty();

        ReceivedSpan pushing = child(inTrace, manifestPut, "Manifests.push");
        assertEquals("v1", pushing.attribute("wharf.reference"));
        List<ReceivedSpan> statements = sql(inTrace, pushing);
        assertThat(statements).extracting(s -> s.attribute("db.operation.name")).contains("INSERT");
        for (ReceivedSpan statement : statements) {
            assertEquals("postgresql", statement.attribute("db.system.name"));
            assertEquals(SpanKind.SPAN_KIND_CLIENT, statement.kind());
            // bind values never reach a span: the digests pushed are not in the statement text
            assertThat(statement.attribute("db.query.text")).isNotEmpty()
                    .doesNotContain(layerDigest.hex()).doesNotContain("traced/app");
        }

        // the webhook call carrying the push events is in the push's trace, and the receiver was handed the
        // webhook span as its parent
        ReceivedSpan webhook = webhook(spans, trace.id());
        // its parent is the request that recorded the batch's first event: the completed upload or the manifest
        assertThat(webhook.parentSpanId()).isIn(complete.spanId(), manifestPut.spanId());
        assertEquals(SpanKind.SPAN_KIND_CLIENT, webhook.kind());
        assertEquals("ci", webhook.attribute("wharf.webhook.endpoint"));
        assertThat(hooks.requests()).extracting(h -> h.getOrDefault("traceparent", ""))
                .contains("00-" + trace.id() + "-" + webhook.spanId() + "-01");
    }

    @Test
    void aPullIsOneTraceWithTheUseCasesAndTheBlobReadUnderTheRequests() {
        byte[] layer = "a layer to pull".getBytes(StandardCharsets.UTF_8);
        Digest layerDigest = client.pushBlob("traced/pulled", layer);
        Digest configDigest = client.pushBlob("traced/pulled", "{}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> put = client.putManifest("traced/pulled", "latest", OCI_MANIFEST,
                manifest(configDigest, 2, layerDigest, layer.length));
        assertEquals(201, put.statusCode(), () -> text(put));

        Trace trace = Trace.sampled();
        HttpResponse<byte[]> manifest = client.get("/v2/traced/pulled/manifests/latest", "traceparent", trace.header(),
                "Accept", OCI_MANIFEST);
        assertEquals(200, manifest.statusCode(), () -> text(manifest));
        HttpResponse<byte[]> blob = client.get("/v2/traced/pulled/blobs/" + layerDigest, "traceparent", trace.header());
        assertEquals(200, blob.statusCode(), () -> text(blob));

        List<ReceivedSpan> spans = otlp.await(all -> {
            ReceivedSpan get = server(all, trace.id(), "GET /v2/{name}/blobs/{digest}");
            return get != null && !storage(all, get).isEmpty()
                    && server(all, trace.id(), "GET /v2/{name}/manifests/{reference}") != null;
        }, WAIT);
        ReceivedSpan manifestGet = server(spans, trace.id(), "GET /v2/{name}/manifests/{reference}");
        assertEquals("200", manifestGet.attribute("http.response.status_code"));
        assertEquals(trace.parentSpanId(), manifestGet.parentSpanId());
        ReceivedSpan pulling = child(spans, manifestGet, "Manifests.pull");
        assertEquals("latest", pulling.attribute("wharf.reference"));

        ReceivedSpan blobGet = server(spans, trace.id(), "GET /v2/{name}/blobs/{digest}");
        assertEquals(Long.toString(layer.length), blobGet.attribute("http.response.body.size"));
        ReceivedSpan opening = child(spans, blobGet, "BlobReads.open");
        assertEquals(layerDigest.toString(), opening.attribute("wharf.digest"));
        assertThat(sql(spans, opening)).as("SQL under BlobReads.open").isNotEmpty();
        // the bytes stream after open returns: the store's read is in the request's subtree
        assertThat(storage(spans, blobGet)).extracting(s -> s.attribute("wharf.storage.driver")).contains("filesystem");
    }

    @Test
    void aRequestWithoutTraceparentStartsATraceAndAPathWithoutRouteIsNamedByMethodAlone() {
        String path = "/v2/nothing-here/" + ThreadLocalRandom.current().nextInt(1_000_000);
        assertEquals(404, client.get(path).statusCode());
        List<ReceivedSpan> spans = otlp.await(all -> all.stream().anyMatch(s -> s.attribute("url.path").equals(path)),
                WAIT);
        ReceivedSpan root = spans.stream().filter(s -> s.attribute("url.path").equals(path)).findFirst().orElseThrow();
        assertEquals("", root.parentSpanId());
        assertEquals("GET", root.name());
        assertEquals("404", root.attribute("http.response.status_code"));
        assertEquals(SpanKind.SPAN_KIND_SERVER, root.kind());
    }

    @Test
    void aMethodNobodyKnowsIsOtherSoClientsCannotMintSpanNamesOrSeries() {
        Trace trace = Trace.sampled();
        assertEquals(405, client.send("BREW", "/v2/", null, "traceparent", trace.header()).statusCode());
        ReceivedSpan server = otlp.await(all -> server(all, trace.id(), "HTTP /v2/") != null, WAIT).stream()
                .filter(s -> s.traceId().equals(trace.id())).findFirst().orElseThrow();
        assertEquals("_OTHER", server.attribute("http.request.method"));
        assertEquals("BREW", server.attribute("http.request.method_original"));
    }

    @Test
    void aClientsDecisionNotToSampleIsKept() {
        Trace unsampled = Trace.notSampled();
        assertEquals(200, client.get("/v2/", "traceparent", unsampled.header()).statusCode());
        Trace sampled = Trace.sampled();
        assertEquals(200, client.get("/v2/", "traceparent", sampled.header()).statusCode());
        // spans leave in order: once the later request's span is here, the earlier one would be too
        List<ReceivedSpan> spans = otlp.await(all -> server(all, sampled.id(), "GET /v2/") != null, WAIT);
        assertThat(spans).noneMatch(s -> s.traceId().equals(unsampled.id()));
    }

    @Test
    void metricsAndTheResourceGoOutOverOtlpToo() {
        client.pushBlob("traced/metrics", "stored, so the store is called".getBytes(StandardCharsets.UTF_8));
        otlp.awaitMetric("http.server.request.duration", WAIT);
        otlp.awaitMetric("db.client.operation.duration", WAIT);
        otlp.awaitMetric("wharf.storage.call.duration", WAIT);
        otlp.await(all -> !all.isEmpty(), WAIT);
        assertThat(otlp.resources()).allSatisfy(resource -> {
            assertEquals("wharf", resource.get("service.name"));
            assertThat(resource.get("service.instance.id")).isNotBlank();
        });
    }

    private static String manifest(Digest config, int configSize, Digest layer, int layerSize) {
        return "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config + "\",\"size\":" + configSize
                + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
                + layer + "\",\"size\":" + layerSize + "}]}";
    }

    private static ReceivedSpan server(List<ReceivedSpan> spans, String traceId, String name) {
        return spans.stream()
                .filter(s -> s.traceId().equals(traceId) && s.name().equals(name) && s.kind() == SpanKind.SPAN_KIND_SERVER)
                .findFirst().orElse(null);
    }

    private static ReceivedSpan webhook(List<ReceivedSpan> spans, String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId) && s.name().equals("webhook ci"))
                .findFirst().orElse(null);
    }

    /** The one direct child of {@code parent} named {@code name}. */
    private static ReceivedSpan child(List<ReceivedSpan> spans, ReceivedSpan parent, String name) {
        List<ReceivedSpan> children = spans.stream()
                .filter(s -> s.parentSpanId().equals(parent.spanId()) && s.name().equals(name)).toList();
        assertThat(children).as(name + " under " + parent.name()).hasSize(1);
        assertEquals(SpanKind.SPAN_KIND_INTERNAL, children.getFirst().kind());
        return children.getFirst();
    }

    private static List<ReceivedSpan> sql(List<ReceivedSpan> spans, ReceivedSpan root) {
        return descendants(spans, root).stream().filter(s -> s.scope().equals("io.wharf.catalog")).toList();
    }

    private static List<ReceivedSpan> storage(List<ReceivedSpan> spans, ReceivedSpan root) {
        return descendants(spans, root).stream().filter(s -> s.scope().equals("io.wharf.storage")).toList();
    }

    private static List<ReceivedSpan> descendants(List<ReceivedSpan> spans, ReceivedSpan root) {
        List<ReceivedSpan> found = new ArrayList<>();
        List<String> frontier = new ArrayList<>(List.of(root.spanId()));
        while (!frontier.isEmpty()) {
            String parent = frontier.removeLast();
            for (ReceivedSpan span : spans) {
                if (span.traceId().equals(root.traceId()) && span.parentSpanId().equals(parent)) {
                    found.add(span);
                    frontier.add(span.spanId());
                }
            }
        }
        return found;
    }

    /** A client's trace: random ids, as a W3C {@code traceparent}. */
    private record Trace(String id, String parentSpanId, String flags) {
        static Trace sampled() {
            return random(true);
        }

        static Trace notSampled() {
            return random(false);
        }

        private static Trace random(boolean sampled) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            byte[] trace = new byte[16];
            byte[] span = new byte[8];
            random.nextBytes(trace);
            random.nextBytes(span);
            return new Trace(HexFormat.of().formatHex(trace), HexFormat.of().formatHex(span), sampled ? "01" : "00");
        }

        String header() {
            return "00-" + id + "-" + parentSpanId + "-" + flags;
        }
    }
}
