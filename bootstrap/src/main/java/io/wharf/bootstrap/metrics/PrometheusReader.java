package io.wharf.bootstrap.metrics;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.wharf.http.AdminEndpoint;

import java.nio.charset.StandardCharsets;

/**
 * The admin port's {@code GET /metrics}: a pull reader of the OpenTelemetry SDK that collects every
 * instrument when Prometheus scrapes and writes the text exposition format.
 *
 * <p>Why not {@code opentelemetry-exporter-prometheus}: no release of it matches the SDK (the newest,
 * 1.66.0-alpha, is an alpha built against 1.66 internals); it brings seven more jars (the Prometheus
 * client's model, config, text and protobuf formats, its HTTP server, and protobuf-java); and its
 * module descriptor does not {@code require} the Prometheus modules it uses, so on the module path it
 * runs only because it reads the automatic {@code io.opentelemetry.sdk.metrics} module and thereby every
 * automatic module: one descriptor added upstream would break it. The text format is small, and owning
 * the naming rules keeps the names that dashboards and alerts depend on under our tests.
 */
public final class PrometheusReader implements MetricReader {
    private volatile CollectionRegistration registration = CollectionRegistration.noop();

    @Override
    public void register(CollectionRegistration registration) {
        this.registration = registration;
    }

    /** Cumulative for every instrument, as Prometheus expects: each scrape sees totals since the start. */
    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
        return AggregationTemporality.CUMULATIVE;
    }

    /** Every instrument's current figures in the text exposition format. */
    public String scrape() {
        return PrometheusTextFormat.write(registration.collectAllMetrics());
    }

    /** {@link #scrape()} as the admin endpoint's answer. */
    public AdminEndpoint.Response respond() {
        return new AdminEndpoint.Response(200, PrometheusTextFormat.CONTENT_TYPE,
                scrape().getBytes(StandardCharsets.UTF_8));
    }

    /** Nothing is buffered: data are read when scraped. */
    @Override
    public CompletableResultCode forceFlush() {
        return CompletableResultCode.ofSuccess();
    }

    /** Scrapes after the SDK stopped answer an empty exposition. */
    @Override
    public CompletableResultCode shutdown() {
        registration = CollectionRegistration.noop();
        return CompletableResultCode.ofSuccess();
    }
}
