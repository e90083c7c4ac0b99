package io.wharf.bootstrap.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP collector for tests: takes what an exporter POSTs to {@code /v1/traces} and {@code /v1/metrics}, or
 * sends to the gRPC trace service, and decodes it with the official protobuf classes, so a test sees
 * exactly what a real collector would.
 */
public final class OtlpReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> metricNames = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> resources = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    /** A span as exported: ids in lower-case hex, the parent empty for a root, attributes as text. */
    public record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, Span.SpanKind kind,
                               String scope, Map<String, String> attributes, List<String> linkedTraceIds,
                               boolean failed) {
        public String attribute(String key) {
            return attributes.getOrDefault(key, "");
        }
    }

    private final GrpcTraceService grpc;

    private OtlpReceiver(HttpServer server) throws IOException {
        this.server = server;
        this.grpc = GrpcTraceService.start(this::accept);
    }

    public static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OtlpReceiver receiver = new OtlpReceiver(server);
            server.createContext("/v1/traces", exchange -> receiver.decoding(exchange, receiver::traces));
            server.createContext("/v1/metrics", exchange -> receiver.decoding(exchange, receiver::metrics));
            server.createContext("/v1/logs", exchange -> {
                exchange.getRequestBody().readAllBytes();
                answer(exchange, 200);
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL of OTLP over http/protobuf, for {@code otel.exporter.otlp.endpoint}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The URL of OTLP over gRPC (cleartext HTTP/2), for {@code otel.exporter.otlp.endpoint} with protocol grpc. */
    public URI grpcEndpoint() {
        return URI.create("http://127.0.0.1:" + grpc.port());
    }

    public List<ReceivedSpan> spans() {
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError("the receiver could not decode an export");
            failures.forEach(error::addSuppressed);
            throw error;
        }
        return List.copyOf(spans);
    }

    public List<String> metricNames() {
        return List.copyOf(metricNames);
    }

    /** The resource attributes of every export received. */
    public List<Map<String, String>> resources() {
        return List.copyOf(resources);
    }

    /** Waits until the spans received satisfy {@code done}; fails after {@code timeout} showing what came. */
    public List<ReceivedSpan> await(Predicate<List<ReceivedSpan>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<ReceivedSpan> now = spans();
            if (done.test(now)) {
                return now;
            }
            sleep();
        }
        throw new AssertionError("spans received did not get there within " + timeout + ": "
                + spans().stream().map(s -> s.name() + " " + s.traceId() + "/" + s.spanId() + "<-" + s.parentSpanId()).toList());
    }

    /** Waits until a metric of that name was exported. */
    public void awaitMetric(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (metricNames.contains(name)) {
                return;
            }
            sleep();
        }
        throw new AssertionError("no metric " + name + " within " + timeout + "; got " + metricNames.stream().distinct().toList());
    }

    /** What cannot be decoded is a test failure to show, not a connection the JDK server silently drops. */
    private void decoding(HttpExchange exchange, HttpHandler handler) throws IOException {
        try {
            handler.handle(exchange);
        } catch (IOException | RuntimeException | Error e) {
            failures.add(e);
            answer(exchange, 400);
        }
    }

    private void traces(HttpExchange exchange) throws IOException {
        accept(ExportTraceServiceRequest.parseFrom(body(exchange)));
        answer(exchange, 200);
    }

    /** Keeps the spans of one export, however it arrived. */
    void accept(ExportTraceServiceRequest request) {
        for (ResourceSpans resource : request.getResourceSpansList()) {
            resources.add(attributes(resource.getResource().getAttributesList()));
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (Span span : scope.getSpansList()) {
                    spans.add(new ReceivedSpan(hex(span.getTraceId().toByteArray()), hex(span.getSpanId().toByteArray()),
                            hex(span.getParentSpanId().toByteArray()), span.getName(), span.getKind(),
                            scope.getScope().getName(), attributes(span.getAttributesList()),
                            span.getLinksList().stream().map(l -> hex(l.getTraceId().toByteArray())).toList(),
                            span.getStatus().getCode() == io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR));
                }
            }
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(body(exchange));
        request.getResourceMetricsList().forEach(resource -> resource.getScopeMetricsList().forEach(
                scope -> scope.getMetricsList().forEach(metric -> metricNames.add(metric.getName()))));
        answer(exchange, 200);
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static Map<String, String> attributes(List<KeyValue> keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (KeyValue kv : keyValues) {
            map.put(kv.getKey(), text(kv.getValue()));
        }
        return map;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            default -> value.toString();
        };
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        try {
            grpc.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
