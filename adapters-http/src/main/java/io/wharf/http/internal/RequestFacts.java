package io.wharf.http.internal;

import io.helidon.webserver.http.ServerRequest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * What only the handler learns about a request (its route, its caller, how much body it read), kept in
 * the request's context for {@link RequestTelemetry} to report once the response is sent.
 */
final class RequestFacts {
    private String route = "";
    private String user = "";
    private long bytesIn;

    /** The request's facts; a detached instance when the telemetry filter is not installed. */
    static RequestFacts of(ServerRequest req) {
        return req.context().get(RequestFacts.class).orElseGet(RequestFacts::new);
    }

    /** The request body, counting what is read of it. */
    static InputStream body(ServerRequest req) {
        return of(req).counting(req.content().inputStream());
    }

    void route(String template) {
        this.route = template;
    }

    void user(String user) {
        this.user = user;
    }

    String route() {
        return route;
    }

    String user() {
        return user;
    }

    long bytesIn() {
        return bytesIn;
    }

    private InputStream counting(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytesIn++;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    bytesIn += n;
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                bytesIn += skipped;
                return skipped;
            }
        };
    }
}
