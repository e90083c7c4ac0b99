package io.wharf.bootstrap;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.wharf.domain.event.DeliveryAttempt;
import io.wharf.domain.event.DeliveryAttempt.Outcome;
import io.wharf.domain.port.EventOutbox.EndpointStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Delivery attempts and the outbox's figures as an OpenTelemetry SDK collects them. */
class OpenTelemetryDeliveryObserverTest {
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();
    private final AtomicReference<List<EndpointStatus>> status = new AtomicReference<>(List.of());

    @AfterEach
    void closeSdk() {
        sdk.close();
    }

    private static MetricData metric(Collection<MetricData> all, String name) {
        return all.stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " in " + all));
    }

    private static long value(MetricData metric, String endpoint, String outcome) {
        Attributes wanted = outcome == null
                ? Attributes.of(OpenTelemetryDeliveryObserver.ENDPOINT, endpoint)
                : Attributes.of(OpenTelemetryDeliveryObserver.ENDPOINT, endpoint, OpenTelemetryDeliveryObserver.OUTCOME,
                        outcome);
        Collection<LongPointData> points = metric.getLongSumData().getPoints().isEmpty()
                ? metric.getLongGaugeData().getPoints() : metric.getLongSumData().getPoints();
        return points.stream().filter(p -> p.getAttributes().equals(wanted)).mapToLong(LongPointData::getValue)
                .sum();
    }

    @Test
    void countsEventsByOutcomeAndReadsTheOutboxWhenCollected() {
        try (OpenTelemetryDeliveryObserver observer = new OpenTelemetryDeliveryObserver(sdk, status::get)) {
            observer.observe(new DeliveryAttempt("ci", Outcome.DELIVERED, 10, Duration.ofMillis(20)));
            observer.observe(new DeliveryAttempt("ci", Outcome.RETRYING, 3, Duration.ofSeconds(5)));
            observer.observe(new DeliveryAttempt("ci", Outcome.DEAD_LETTERED, 1, Duration.ofSeconds(5)));
            observer.observe(new DeliveryAttempt("audit", Outcome.DELIVERED, 2, Duration.ofMillis(5)));
            status.set(List.of(new EndpointStatus("ci", 42, 10, 1), new EndpointStatus("audit", 0, 2, 0)));

            Collection<MetricData> collected = metrics.collectAllMetrics();
            MetricData events = metric(collected, OpenTelemetryDeliveryObserver.EVENTS);
            assertEquals(10, value(events, "ci", "delivered"));
            assertEquals(3, value(events, "ci", "retrying"));
            assertEquals(1, value(events, "ci", "dead_lettered"));
            assertEquals(2, value(events, "audit", "delivered"));
            assertEquals(4, metric(collected, OpenTelemetryDeliveryObserver.DURATION).getHistogramData().getPoints()
                    .stream().mapToLong(p -> p.getCount()).sum());
            assertEquals(42, value(metric(collected, OpenTelemetryDeliveryObserver.PENDING), "ci", null));
            assertEquals(1, value(metric(collected, OpenTelemetryDeliveryObserver.DEAD_LETTERS), "ci", null));

            status.set(null); // the outbox unreadable: no figures, and no failure of the collection
            Collection<MetricData> again = metrics.collectAllMetrics();
            assertEquals(10, value(metric(again, OpenTelemetryDeliveryObserver.EVENTS), "ci", "delivered"));
        }
    }
}
