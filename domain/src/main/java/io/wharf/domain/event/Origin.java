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
 */
public record Origin(String actor, String requestId, String remoteAddress, String host, String method,
                     String userAgent) {
    public Origin {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(userAgent, "userAgent");
    }

    /** An event the registry causes itself, such as housekeeping, named by {@code what}. */
    public static Origin internal(String what) {
        return new Origin(what, "", "", "", "", "");
    }
}
