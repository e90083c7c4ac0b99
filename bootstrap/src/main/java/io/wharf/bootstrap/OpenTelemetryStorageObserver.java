package io.wharf.bootstrap;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.SpanKind;
import io.wharf.domain.port.StorageCall;
import io.wharf.domain.port.StorageObserver;

import java.util.Locale;

/**
 * Every storage call as a sample of the {@value #DURATION} histogram, by driver, operation and outcome,
 * and, within a request, as a span under the request's. The span is made after the call, with the
 * call's own start and end times, so the decorator needs no tracing API of its own.
 */
final class OpenTelemetryStorageObserver implements StorageObserver {
    static final String INSTRUMENTATION = "io.wharf.storage";
    static final String DURATION = "wharf.storage.call.duration";
    static final AttributeKey<String> DRIVER = AttributeKey.stringKey("wharf.storage.driver");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("wharf.storage.operation");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("wharf.storage.outcome");
    static final AttributeKey<String> PATH = AttributeKey.stringKey("wharf.storage.path");

    private final FinishedSpans spans;
    private final DoubleHistogram duration;

    OpenTelemetryStorageObserver(OpenTelemetry openTelemetry) {
        this.spans = new FinishedSpans(openTelemetry.getTracer(INSTRUMENTATION));
        this.duration = openTelemetry.getMeter(INSTRUMENTATION).histogramBuilder(DURATION)
                .setUnit("s")
                .setDescription("Duration of calls to the storage driver")
                .setExplicitBucketBoundariesAdvice(DurationBuckets.CALLS)
                .build();
    }

    @Override
    public void observe(StorageCall call) {
        Attributes attributes = Attributes.of(DRIVER, call.driver(), OPERATION, call.operation(),
                OUTCOME, call.outcome().name().toLowerCase(Locale.ROOT));
        duration.record(call.elapsed().toNanos() / 1e9, attributes);
        // the path stays off the metric: one time series per blob would be unbounded
        spans.record("storage " + call.operation(), SpanKind.CLIENT, call.started(), call.elapsed(),
                () -> attributes.toBuilder().put(PATH, call.path()).build(),
                call.outcome() == StorageCall.Outcome.FAILED);
    }
}
