package io.wharf.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.wharf.application.service.GuardedStorageDriver;
import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.PathNotFoundException;
import io.wharf.domain.port.StorageCall;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageDriverFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Storage calls through the core's decorator, over the real in-memory driver, seen by an OpenTelemetry SDK. */
class OpenTelemetryStorageObserverTest {
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();

    @AfterEach
    void closeSdk() {
        sdk.close();
    }

    @Test
    void everyStorageCallInARequestIsASpanUnderItsAndADurationSample() throws IOException {
        Span request = sdk.getTracer("test").spanBuilder("request").startSpan();
        try (StorageDriver storage = new GuardedStorageDriver(inMemoryDriver(),
                new OpenTelemetryStorageObserver(sdk), Clock.systemUTC());
             Scope ignored = request.makeCurrent()) {
            storage.putContent("/docker/registry/v2/blobs/sha256/ab/abcd/data", new byte[] {1, 2, 3});
            assertThrows(PathNotFoundException.class, () -> storage.getContent("/missing"));
        } finally {
            request.end();
        }

        List<SpanData> finished = spans.getFinishedSpanItems().stream()
                .filter(span -> !span.getName().equals("request")).toList();
        assertEquals(List.of("storage putContent", "storage getContent"), finished.stream().map(SpanData::getName).toList());
        for (SpanData span : finished) {
            assertEquals(request.getSpanContext().getSpanId(), span.getParentSpanId());
        }
        SpanData put = finished.get(0);
        assertEquals(SpanKind.CLIENT, put.getKind());
        assertEquals("inmemory", put.getAttributes().get(OpenTelemetryStorageObserver.DRIVER));
        assertEquals("ok", put.getAttributes().get(OpenTelemetryStorageObserver.OUTCOME));
        assertEquals("/docker/registry/v2/blobs/sha256/ab/abcd/data", put.getAttributes().get(OpenTelemetryStorageObserver.PATH));
        assertTrue(put.getEndEpochNanos() >= put.getStartEpochNanos());
        assertEquals("not_found", finished.get(1).getAttributes().get(OpenTelemetryStorageObserver.OUTCOME));
        assertEquals(StatusCode.UNSET, finished.get(1).getStatus().getStatusCode(), "a miss is an answer, not an error");

        MetricData duration = metrics.collectAllMetrics().stream()
                .filter(metric -> metric.getName().equals(OpenTelemetryStorageObserver.DURATION))
                .findFirst().orElseThrow();
        assertEquals("s", duration.getUnit());
        Map<Attributes, Long> counts = new java.util.HashMap<>();
        for (HistogramPointData point : duration.getHistogramData().getPoints()) {
            counts.put(point.getAttributes(), point.getCount());
            assertTrue(point.getAttributes().get(OpenTelemetryStorageObserver.PATH) == null,
                    "paths must stay off the metric (unbounded cardinality)");
        }
        assertEquals(Map.of(
                Attributes.of(OpenTelemetryStorageObserver.DRIVER, "inmemory", OpenTelemetryStorageObserver.OPERATION,
                        "putContent", OpenTelemetryStorageObserver.OUTCOME, "ok"), 1L,
                Attributes.of(OpenTelemetryStorageObserver.DRIVER, "inmemory", OpenTelemetryStorageObserver.OPERATION,
                        "getContent", OpenTelemetryStorageObserver.OUTCOME, "not_found"), 1L), counts);
    }

    @Test
    void aCallOutsideARequestIsOnlyADurationSample() {
        // housekeeping polls the store all the time: a trace per call would drown the real ones
        new OpenTelemetryStorageObserver(sdk).observe(new StorageCall("s3", "list", "/a", Instant.now(),
                Duration.ofMillis(3), StorageCall.Outcome.OK));
        assertEquals(List.of(), spans.getFinishedSpanItems());
        assertEquals(1, metrics.collectAllMetrics().stream()
                .filter(metric -> metric.getName().equals(OpenTelemetryStorageObserver.DURATION))
                .mapToLong(metric -> metric.getHistogramData().getPoints().iterator().next().getCount()).sum());
    }

    @Test
    void aFailedCallIsAnErrorSpanWithTheCallsOwnTimes() {
        Instant started = Instant.parse("2026-11-25T10:00:00Z");
        Span request = sdk.getTracer("test").spanBuilder("request").startSpan();
        try (Scope ignored = request.makeCurrent()) {
            new OpenTelemetryStorageObserver(sdk).observe(new StorageCall("s3", "move", "/a/b", started,
                    Duration.ofMillis(1500), StorageCall.Outcome.FAILED));
        } finally {
            request.end();
        }
        SpanData move = spans.getFinishedSpanItems().getFirst();
        assertEquals(StatusCode.ERROR, move.getStatus().getStatusCode());
        assertEquals("failed", move.getAttributes().get(OpenTelemetryStorageObserver.OUTCOME));
        assertEquals(TimeUnit.SECONDS.toNanos(started.getEpochSecond()), move.getStartEpochNanos());
        assertEquals(move.getStartEpochNanos() + TimeUnit.MILLISECONDS.toNanos(1500), move.getEndEpochNanos());
    }

    private static StorageDriver inMemoryDriver() {
        StorageDriverFactory factory = ServiceLoader.load(StorageDriverFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(f -> f.name().equals("inmemory")).findFirst().orElseThrow();
        return factory.create(new AdapterSettings("storage.inmemory", Map.of()));
    }
}
