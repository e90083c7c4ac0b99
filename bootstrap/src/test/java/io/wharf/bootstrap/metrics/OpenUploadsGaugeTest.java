package io.wharf.bootstrap.metrics;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.wharf.bootstrap.testing.PrometheusExposition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The open-uploads gauge: read a few seconds at most, and a failing catalog leaves it out of the scrape. */
class OpenUploadsGaugeTest {
    private final PrometheusReader reader = new PrometheusReader();
    private final SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    private final SettableClock clock = new SettableClock();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong open = new AtomicLong(2);
    private volatile boolean catalogDown;

    /** A catalog that counts how often it is asked, and can be down. */
    private final LongSupplier catalog = () -> {
        reads.incrementAndGet();
        if (catalogDown) {
            throw new IllegalStateException("catalog down");
        }
        return open.get();
    };

    @AfterEach
    void close() {
        provider.close();
    }

    private List<Double> scrape() {
        PrometheusExposition exposition = PrometheusExposition.parse(reader.scrape());
        return exposition.samples("wharf_uploads_open", Map.of()).stream().map(PrometheusExposition.Sample::value).toList();
    }

    @Test
    void scrapesWithinAFewSecondsShareOneCount() {
        new OpenUploadsGauge(OpenTelemetrySdk.builder().setMeterProvider(provider).build(), catalog, clock);
        assertEquals(List.of(2.0), scrape());
        open.set(5);
        clock.advance(OpenUploadsGauge.FRESH_FOR.minusMillis(1));
        assertEquals(List.of(2.0), scrape());
        assertEquals(1, reads.get());

        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of(5.0), scrape());
        assertEquals(2, reads.get());
    }

    @Test
    void aFailingCatalogLeavesTheGaugeOutUntilItAnswers() {
        new OpenUploadsGauge(OpenTelemetrySdk.builder().setMeterProvider(provider).build(), catalog, clock);
        catalogDown = true;
        assertEquals(List.of(), scrape());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(), scrape());
        assertEquals(1, reads.get(), "a failure is not retried on every scrape either");

        catalogDown = false;
        clock.advance(OpenUploadsGauge.FRESH_FOR);
        assertEquals(List.of(2.0), scrape());
    }

    @Test
    void closedItIsNoLongerRead() {
        new OpenUploadsGauge(OpenTelemetrySdk.builder().setMeterProvider(provider).build(), catalog, clock).close();
        assertEquals(List.of(), scrape());
        assertEquals(0, reads.get());
    }

    private static final class SettableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
