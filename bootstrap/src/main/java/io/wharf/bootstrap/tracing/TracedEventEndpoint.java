package io.wharf.bootstrap.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.wharf.domain.event.DeliveryPolicy;
import io.wharf.domain.event.RegistryEvent;
import io.wharf.domain.port.EventEndpoint;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Each webhook request as a CLIENT span in the trace of the request that caused its first event (read
 * from the {@code traceparent} the event was recorded with), linked to the traces of the other events it
 * carries. The span is current while the endpoint sends, so the endpoint passes it on in {@code traceparent}.
 */
public final class TracedEventEndpoint implements EventEndpoint {
    static final String INSTRUMENTATION = "io.wharf.notify";
    private static final AttributeKey<String> ENDPOINT = AttributeKey.stringKey("wharf.webhook.endpoint");
    private static final AttributeKey<Long> EVENTS = AttributeKey.longKey("wharf.webhook.events");
    /** Enough to follow a batch back to its pushes without making every span a list. */
    private static final int MAX_LINKS = 32;
    private static final TextMapGetter<String> TRACE_PARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String traceParent) {
            return List.of("traceparent");
        }

        @Override
        public String get(String traceParent, String key) {
            return "traceparent".equals(key) && traceParent != null && !traceParent.isEmpty() ? traceParent : null;
        }
    };

    private final EventEndpoint endpoint;
    private final Tracer tracer;

    public TracedEventEndpoint(EventEndpoint endpoint, OpenTelemetry openTelemetry) {
        this.endpoint = endpoint;
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
    }

    @Override
    public String name() {
        return endpoint.name();
    }

    @Override
    public DeliveryPolicy policy() {
        return endpoint.policy();
    }

    @Override
    public Delivery send(List<RegistryEvent> events) {
        SpanBuilder builder = tracer.spanBuilder("webhook " + endpoint.name())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(ENDPOINT, endpoint.name())
                .setAttribute(EVENTS, (long) events.size());
        Context parent = events.isEmpty() ? Context.root() : context(events.getFirst());
        builder.setParent(parent);
        Set<String> linked = new HashSet<>();
        linked.add(Span.fromContext(parent).getSpanContext().getTraceId());
        for (RegistryEvent event : events) {
            SpanContext other = Span.fromContext(context(event)).getSpanContext();
            if (other.isValid() && linked.size() <= MAX_LINKS && linked.add(other.getTraceId())) {
                builder.addLink(other);
            }
        }
        Span span = builder.startSpan();
        try (Scope ignored = span.makeCurrent()) {
            Delivery delivery = endpoint.send(events);
            if (delivery instanceof Delivery.Failed failed) {
                span.setStatus(StatusCode.ERROR, failed.reason());
            }
            return delivery;
        } finally {
            span.end();
        }
    }

    private static Context context(RegistryEvent event) {
        return W3CTraceContextPropagator.getInstance()
                .extract(Context.root(), event.origin().traceParent(), TRACE_PARENT);
    }
}
