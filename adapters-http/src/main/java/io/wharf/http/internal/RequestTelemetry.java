package io.wharf.http.internal;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.wharf.http.CompletedRequest;
import io.wharf.http.RequestObserver;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The server side of every request's telemetry: continues the client's W3C trace context, makes a
 * SERVER span (HTTP semantic conventions, named by route template, never by the raw path) current
 * for the handler, records the request metrics, and hands the finished request to the
 * {@link RequestObserver} (the access log) while the span is still current.
 */
public final class RequestTelemetry implements Filter {
    static final String INSTRUMENTATION = "io.wharf.http";
    /** Semantic-convention bucket boundaries, stretched for blob transfers that take minutes. */
    private static final List<Double> DURATION_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5,
            0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 30.0, 60.0, 120.0, 300.0);

    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
            "OPTIONS", "TRACE", "CONNECT");
    private static final String OTHER_METHOD = "_OTHER";
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> METHOD_ORIGINAL = AttributeKey.stringKey("http.request.method_original");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> SCHEME = AttributeKey.stringKey("url.scheme");
    private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    private static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");
    private static final AttributeKey<String> USER_AGENT = AttributeKey.stringKey("user_agent.original");
    private static final AttributeKey<String> PROTOCOL_VERSION = AttributeKey.stringKey("network.protocol.version");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final AttributeKey<Long> REQUEST_SIZE = AttributeKey.longKey("http.request.body.size");
    private static final AttributeKey<Long> RESPONSE_SIZE = AttributeKey.longKey("http.response.body.size");
    private static final AttributeKey<String> USER = AttributeKey.stringKey("user.name");

    private static final HeaderName TRACEPARENT = HeaderNames.create("traceparent");
    private static final HeaderName TRACESTATE = HeaderNames.create("tracestate");
    private static final TextMapGetter<ServerRequestHeaders> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ServerRequestHeaders headers) {
            return headers.stream().map(header -> header.name()).toList();
        }

        @Override
        public String get(ServerRequestHeaders headers, String key) {
            if (headers == null) {
                return null;
            }
            // the W3C propagator asks for these two on every request: no header name made each time
            HeaderName name = switch (key) {
                case "traceparent" -> TRACEPARENT;
                case "tracestate" -> TRACESTATE;
                default -> HeaderNames.create(key);
            };
            return headers.first(name).orElse(null);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final DoubleHistogram duration;
    private final LongUpDownCounter active;
    private final LongCounter bytesIn;
    private final LongCounter bytesOut;
    private final RequestObserver observer;
    private final String scheme;
    private final Map<String, Attributes> activeByMethod = new HashMap<>();
    private final ConcurrentMap<MetricKey, Attributes> metricAttributes = new ConcurrentHashMap<>();

    public RequestTelemetry(OpenTelemetry openTelemetry, RequestObserver observer, boolean https) {
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        Meter meter = openTelemetry.getMeter(INSTRUMENTATION);
        this.duration = meter.histogramBuilder("http.server.request.duration")
                .setUnit("s")
                .setDescription("Duration of HTTP server requests")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
                .build();
        this.active = meter.upDownCounterBuilder("http.server.active_requests")
                .setUnit("{request}")
                .setDescription("HTTP requests being handled")
                .build();
        this.bytesIn = meter.counterBuilder("wharf.http.server.request.body")
                .setUnit("By")
                .setDescription("Request body bytes read")
                .build();
        this.bytesOut = meter.counterBuilder("wharf.http.server.response.body")
                .setUnit("By")
                .setDescription("Response body bytes written")
                .build();
        this.observer = observer;
        this.scheme = https ? "https" : "http";
        for (String method : KNOWN_METHODS) {
            activeByMethod.put(method, Attributes.of(METHOD, method, SCHEME, scheme));
        }
        activeByMethod.put(OTHER_METHOD, Attributes.of(METHOD, OTHER_METHOD, SCHEME, scheme));
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long started = System.nanoTime();
        String method = known(req.prologue().method().text());
        Context parent = propagator.extract(Context.root(), req.headers(), HEADERS);
        // what a sampler may look at goes in before the decision; the rest only into spans that record
        Span span = tracer.spanBuilder(method.equals(OTHER_METHOD) ? "HTTP" : method)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(METHOD, method)
                .setAttribute(PATH, req.path().path())
                .setAttribute(SCHEME, scheme)
                .startSpan();
        String client = address(req);
        if (span.isRecording()) {
            if (method.equals(OTHER_METHOD)) {
                span.setAttribute(METHOD_ORIGINAL, req.prologue().method().text());
            }
            span.setAttribute(SERVER_ADDRESS, req.authority())
                    .setAttribute(CLIENT_ADDRESS, client)
                    .setAttribute(PROTOCOL_VERSION, req.prologue().protocolVersion())
                    .setAttribute(USER_AGENT, req.headers().first(HeaderNames.USER_AGENT).orElse(""));
        }
        RequestFacts facts = new RequestFacts();
        req.context().register(facts);
        Attributes activeAttributes = activeByMethod.get(method);
        active.add(1, activeAttributes);
        try (Scope ignored = span.makeCurrent()) {
            Throwable failure = null;
            try {
                chain.proceed();
            } catch (RuntimeException | Error e) {
                failure = e;
                throw e;
            } finally {
                active.add(-1, activeAttributes);
                finish(span, method, facts, res, failure, Duration.ofNanos(System.nanoTime() - started), client);
            }
        }
    }

    private void finish(Span span, String method, RequestFacts facts, RoutingResponse res, Throwable failure,
                        Duration elapsed, String client) {
        int status = res.status().code();
        long written = bodyBytes(method, status, res);
        String errorType = failure != null ? failure.getClass().getName()
                : status >= 500 ? Integer.toString(status) : "";
        Attributes attributes = metricAttributes.computeIfAbsent(
                new MetricKey(method, facts.route(), status, errorType), this::attributes);
        duration.record(elapsed.toNanos() / 1e9, attributes);
        bytesIn.add(facts.bytesIn(), attributes);
        bytesOut.add(written, attributes);
        if (span.isRecording()) {
            describe(span, method, facts, failure, errorType, written, attributes);
        }
        try {
            observer.completed(new CompletedRequest(method, facts.route(), status, facts.bytesIn(), written, elapsed,
                    facts.user(), client));
        } finally {
            span.end();
        }
    }

    private static void describe(Span span, String method, RequestFacts facts, Throwable failure, String errorType,
                                 long written, Attributes attributes) {
        if (!facts.route().isEmpty()) {
            span.updateName((method.equals(OTHER_METHOD) ? "HTTP" : method) + " " + facts.route());
        }
        if (!errorType.isEmpty()) {
            span.setStatus(StatusCode.ERROR);
            if (failure != null) {
                span.recordException(failure);
            }
        }
        span.setAllAttributes(attributes);
        span.setAttribute(REQUEST_SIZE, facts.bytesIn());
        span.setAttribute(RESPONSE_SIZE, written);
        if (!facts.user().isEmpty()) {
            span.setAttribute(USER, facts.user());
        }
    }

    /** Every key is bounded: known methods, route templates, status codes, exception classes. */
    private Attributes attributes(MetricKey key) {
        AttributesBuilder metric = Attributes.builder()
                .put(METHOD, key.method())
                .put(SCHEME, scheme)
                .put(STATUS, (long) key.status());
        if (!key.route().isEmpty()) {
            metric.put(ROUTE, key.route());
        }
        if (!key.errorType().isEmpty()) {
            metric.put(ERROR_TYPE, key.errorType());
        }
        return metric.build();
    }

    /** As the conventions ask: a method the server does not know is {@value #OTHER_METHOD}, so clients cannot mint series. */
    private static String known(String method) {
        return KNOWN_METHODS.contains(method) ? method : OTHER_METHOD;
    }

    /**
     * The attributes of a request's metrics, made once per combination: building and sorting them for every
     * request cost more than the recording itself.
     */
    private record MetricKey(String method, String route, int status, String errorType) {
    }

    /**
     * The body bytes sent. Helidon's bytesWritten counts the status line and headers too, so the declared
     * Content-Length is taken, unless fewer bytes went out in all (a client that left mid-blob). HEAD answers
     * and bodiless statuses declare the length of a body they do not send.
     */
    private static long bodyBytes(String method, int status, RoutingResponse res) {
        if (method.equals("HEAD") || status < 200 || status == 204 || status == 304) {
            return 0;
        }
        long written = res.bytesWritten();
        OptionalLong declared = res.headers().contentLength();
        return declared.isPresent() ? Math.min(declared.getAsLong(), written) : written;
    }

    private static String address(RoutingRequest req) {
        return req.remotePeer().address() instanceof InetSocketAddress inet
                ? inet.getAddress().getHostAddress().toLowerCase(Locale.ROOT)
                : String.valueOf(req.remotePeer().address());
    }
}
