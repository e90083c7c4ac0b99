package io.wharf.bootstrap;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Spans for calls reported after they ended (storage, SQL), with the call's own start and end times,
 * under the span current on the reporting thread, when that span records. Outside a request (upload
 * expiry, the webhook dispatcher polling its outbox) nothing is current, and each call would become a
 * trace of its own every few hundred milliseconds: those calls are left to the metrics. Under a request
 * that is not sampled no child is kept either, so none is built, nor its attributes.
 */
final class FinishedSpans {
    private final Tracer tracer;

    FinishedSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    void record(String name, SpanKind kind, Instant started, Duration elapsed, Supplier<Attributes> attributes,
                boolean failed) {
        if (!Span.current().isRecording()) {
            return;
        }
        Span span = tracer.spanBuilder(name)
                .setSpanKind(kind)
                .setStartTimestamp(started)
                .setAllAttributes(attributes.get())
                .startSpan();
        if (failed) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end(started.plus(elapsed));
    }
}
