package io.wharf.bootstrap;

import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Wharf's defaults over the standard OpenTelemetry configuration. */
class TelemetryTest {

    private static Map<String, String> properties(Map<String, String> configured, Map<String, String> environment) {
        return Telemetry.properties(configured, DefaultConfigProperties.createFromMap(environment));
    }

    @Test
    void withoutAnEndpointNothingIsExportedSoNoCollectorMeansNoErrorsInTheLog() {
        assertEquals(Map.of("otel.service.name", "wharf", "otel.traces.exporter", "none",
                "otel.metrics.exporter", "none", "otel.logs.exporter", "none"), properties(Map.of(), Map.of()));
    }

    @Test
    void anEndpointForAllSignalsTurnsTracesAndMetricsAndLogsOn() {
        Map<String, String> properties = properties(Map.of("otel.exporter.otlp.endpoint", "http://collector:4318"),
                Map.of());
        assertEquals(Map.of("otel.service.name", "wharf", "otel.exporter.otlp.endpoint", "http://collector:4318"),
                properties);
    }

    @Test
    void anEndpointOrExporterForOneSignalTurnsOnlyThatSignalOn() {
        Map<String, String> properties = properties(Map.of(),
                Map.of("otel.exporter.otlp.traces.endpoint", "http://collector:4318/v1/traces",
                        "otel.metrics.exporter", "console", "otel.service.name", "registry-eu"));
        assertEquals(Map.of("otel.logs.exporter", "none"), properties);
    }
}
