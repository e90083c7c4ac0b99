package io.wharf.http.internal;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.wharf.domain.auth.Caller;
import io.wharf.domain.event.Origin;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** The origin events name for one request: its caller and what distribution's {@code request} record holds. */
final class RequestOrigin {
    /** A client's request id is kept only when it is a plain token, so it can go into logs and events as is. */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final int MAX_HEADER = 512;
    private static final HeaderName X_REQUEST_ID = HeaderNames.create("X-Request-Id");

    private RequestOrigin() {
    }

    static Origin of(ServerRequest req, Caller caller) {
        String requestId = req.headers().first(X_REQUEST_ID)
                .filter(id -> REQUEST_ID.matcher(id).matches())
                .orElseGet(RequestOrigin::newRequestId);
        return new Origin(caller.anonymous() ? "" : caller.name(), requestId, address(req.remotePeer().address()),
                bounded(req.authority()), req.prologue().method().text(),
                bounded(req.headers().first(HeaderNames.USER_AGENT).orElse("")), traceParent(Span.current()));
    }

    /** The W3C {@code traceparent} of the request's span (version 00), or empty outside a trace. */
    static String traceParent(Span span) {
        SpanContext context = span.getSpanContext();
        if (!context.isValid()) {
            return "";
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    /**
     * A random (version 4) UUID from the thread's generator: every request gets one, and the JDK's
     * {@code UUID.randomUUID} draws on one shared SecureRandom, which an id that is no secret does not need.
     */
    private static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }

    private static String address(SocketAddress address) {
        return address instanceof InetSocketAddress inet
                ? inet.getAddress().getHostAddress() + ":" + inet.getPort()
                : String.valueOf(address);
    }

    /** Headers are the client's to fill: an event keeps a bounded prefix of them. */
    private static String bounded(String value) {
        return value == null ? "" : value.length() <= MAX_HEADER ? value : value.substring(0, MAX_HEADER);
    }
}
