package io.wharf.http.internal;

import io.wharf.application.port.in.DependencyHealth.Outcome;
import io.wharf.application.port.in.DependencyHealth.Report;
import io.wharf.domain.json.JsonReader;
import io.wharf.http.AdminEndpoint;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HealthResponsesTest {
    private static final Report HEALTHY = new Report(List.of(Outcome.passed("catalog_postgres"),
            Outcome.passed("storagedriver_filesystem")));
    private static final Report STORAGE_DOWN = new Report(List.of(Outcome.passed("catalog_postgres"),
            Outcome.failed("storagedriver_s3", "S3 ListObjectsV2 failed: \"Connect\" to\\127.0.0.1 refused")));
    private static final Report BOTH_DOWN = new Report(List.of(Outcome.failed("storagedriver_s3", "no answer"),
            Outcome.failed("catalog_postgres", "refused")));

    @Test
    void debugHealthIsAnEmptyObjectWhenHealthy() {
        AdminEndpoint.Response response = HealthResponses.debugHealth(HEALTHY);

        assertEquals(200, response.status());
        assertEquals("application/json; charset=utf-8", response.contentType());
        assertEquals("{}", body(response));
    }

    @Test
    void debugHealthMapsEachFailingCheckToItsMessage() {
        AdminEndpoint.Response response = HealthResponses.debugHealth(STORAGE_DOWN);

        assertEquals(503, response.status());
        assertEquals("{\"storagedriver_s3\":\"S3 ListObjectsV2 failed: \\\"Connect\\\" to\\\\127.0.0.1 refused\"}",
                body(response));
        assertEquals(Map.of("storagedriver_s3", "S3 ListObjectsV2 failed: \"Connect\" to\\127.0.0.1 refused"),
                JsonReader.parse(response.body()), "valid JSON that reads back as the message");
    }

    @Test
    void debugHealthSortsNamesAsDistributionDoes() {
        assertEquals("{\"catalog_postgres\":\"refused\",\"storagedriver_s3\":\"no answer\"}",
                body(HealthResponses.debugHealth(BOTH_DOWN)));
    }

    @Test
    void readinessListsEveryCheck() {
        AdminEndpoint.Response healthy = HealthResponses.readiness(HEALTHY);
        AdminEndpoint.Response down = HealthResponses.readiness(STORAGE_DOWN);

        assertEquals(200, healthy.status());
        assertEquals("{\"status\":\"UP\",\"checks\":{\"catalog_postgres\":\"UP\",\"storagedriver_filesystem\":\"UP\"}}",
                body(healthy));
        assertEquals(503, down.status());
        assertEquals("{\"status\":\"DOWN\",\"checks\":{\"catalog_postgres\":\"UP\","
                + "\"storagedriver_s3\":\"DOWN: S3 ListObjectsV2 failed: \\\"Connect\\\" to\\\\127.0.0.1 refused\"}}",
                body(down));
    }

    @Test
    void livenessIsUp() {
        AdminEndpoint.Response response = HealthResponses.liveness();

        assertEquals(200, response.status());
        assertEquals("{\"status\":\"UP\"}", body(response));
    }

    private static String body(AdminEndpoint.Response response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
