package io.wharf.domain.event;

import java.util.Objects;

/**
 * Who caused an event and through which request: distribution's {@code actor} and {@code request}
 * records. Fields a request did not carry are empty strings, as distribution writes them.
 *
 * @param actor         the signed-in user, empty for anonymous callers
 * @param requestId     the request's id (its {@code X-Request-Id}, or one made for it)
 * @param remoteAddress the client's address, {@code host:port}
 * @param host          the {@code Host} the client asked for
 * @param method        the HTTP method
 * @param userAgent     the client's {@code User-Agent}
 * @param traceParent   the W3C {@code traceparent} of the request's span, so a webhook call can continue
 *                      the request's trace; empty when the request was not traced
 */
public record Origin(String actor, String requestId, String remoteAddress, String host, String method,
                     String userAgent, String traceParent) {
    public Origin {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(traceParent, "traceParent");
    }

    /** An origin outside any trace. */
    public Origin(String actor, String requestId, String remoteAddress, String host, String method, String userAgent) {
        this(actor, requestId, remoteAddress, host, method, userAgent, "");
    }

    /** An event the registry causes itself, such as housekeeping, named by {@code what}. */
    public static Origin internal(String what) {
        return new Origin(what, "", "", "", "", "");
    }
}
