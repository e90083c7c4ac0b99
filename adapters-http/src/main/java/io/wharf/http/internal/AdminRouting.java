package io.wharf.http.internal;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.wharf.http.AdminEndpoint;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Routes GET requests for the admin endpoints; what they answer is theirs, a failure is a plain 500. */
public final class AdminRouting {
    private static final System.Logger LOG = System.getLogger(AdminRouting.class.getName());

    private AdminRouting() {
    }

    public static void register(HttpRouting.Builder routing, Map<String, AdminEndpoint> endpoints) {
        endpoints.forEach((path, endpoint) -> routing.get(path, (req, res) -> {
            RequestFacts.of(req).route(path);
            AdminEndpoint.Response response;
            try {
                response = endpoint.get();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "admin endpoint " + path + " failed", e);
                response = new AdminEndpoint.Response(500, "text/plain; charset=utf-8",
                        "internal error; see the server log\n".getBytes(StandardCharsets.UTF_8));
            }
            res.status(response.status());
            res.header(HeaderNames.CONTENT_TYPE, response.contentType());
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            res.send(response.body());
        }));
    }
}
