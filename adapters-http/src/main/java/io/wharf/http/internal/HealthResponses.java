package io.wharf.http.internal;

import io.wharf.application.port.in.DependencyHealth.Outcome;
import io.wharf.application.port.in.DependencyHealth.Report;
import io.wharf.domain.json.JsonWriter;
import io.wharf.http.AdminEndpoint;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The health endpoints' answers: 200 when every check passed, 503 naming those that failed. */
public final class HealthResponses {
    static final String JSON = "application/json; charset=utf-8";
    static final int OK = 200;
    static final int UNAVAILABLE = 503;

    private HealthResponses() {
    }

    /**
     * distribution's {@code /debug/health}: {@code {}} when healthy, else each failing check's name mapped to
     * its message, e.g. {@code {"storagedriver_s3":"…"}}. Names sorted, as Go's JSON encoder sorts map keys.
     */
    public static AdminEndpoint.Response debugHealth(Report report) {
        Map<String, String> failures = new TreeMap<>();
        report.failures().forEach(failed -> failures.put(failed.name(), failed.failure().orElseThrow()));
        return json(report.healthy(), failures);
    }

    /** {@code {"status":"UP"|"DOWN","checks":{"<name>":"UP"|"DOWN: <message>",…}}}, checks in their order. */
    public static AdminEndpoint.Response readiness(Report report) {
        Map<String, String> checks = new LinkedHashMap<>();
        for (Outcome outcome : report.outcomes()) {
            checks.put(outcome.name(), outcome.failure().map(message -> "DOWN: " + message).orElse("UP"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.healthy() ? "UP" : "DOWN");
        body.put("checks", checks);
        return json(report.healthy(), body);
    }

    /** {@code {"status":"UP"}}: that this answers at all is the news. */
    public static AdminEndpoint.Response liveness() {
        return json(true, Map.of("status", "UP"));
    }

    private static AdminEndpoint.Response json(boolean healthy, Map<String, ?> body) {
        return new AdminEndpoint.Response(healthy ? OK : UNAVAILABLE, JSON,
                JsonWriter.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
