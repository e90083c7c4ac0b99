package io.wharf.bootstrap;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.SpanKind;
import io.wharf.domain.port.CatalogCall;
import io.wharf.domain.port.CatalogObserver;

/**
 * Every catalog statement as a sample of the database-client duration histogram (semantic conventions:
 * {@value #DURATION}, by system and operation) and, within a request, as a CLIENT span carrying the
 * statement text (placeholders only, never values).
 */
final class OpenTelemetryCatalogObserver implements CatalogObserver {
    static final String INSTRUMENTATION = "io.wharf.catalog";
    static final String DURATION = "db.client.operation.duration";
    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("db.system.name");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("db.operation.name");
    static final AttributeKey<String> QUERY = AttributeKey.stringKey("db.query.text");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private final FinishedSpans spans;
    private final DoubleHistogram duration;

    OpenTelemetryCatalogObserver(OpenTelemetry openTelemetry) {
        this.spans = new FinishedSpans(openTelemetry.getTracer(INSTRUMENTATION));
        this.duration = openTelemetry.getMeter(INSTRUMENTATION).histogramBuilder(DURATION)
                .setUnit("s")
                .setDescription("Duration of catalog database statements")
                .setExplicitBucketBoundariesAdvice(DurationBuckets.CALLS)
                .build();
    }

    @Override
    public void observe(CatalogCall call) {
        Attributes attributes = call.failed()
                ? Attributes.of(SYSTEM, call.system(), OPERATION, call.operation(), ERROR_TYPE, "failed")
                : Attributes.of(SYSTEM, call.system(), OPERATION, call.operation());
        duration.record(call.elapsed().toNanos() / 1e9, attributes);
        // the statement text stays off the metric (cardinality), as the conventions say
        spans.record(call.operation(), SpanKind.CLIENT, call.started(), call.elapsed(),
                () -> attributes.toBuilder().put(QUERY, call.statement()).build(), call.failed());
    }
}
