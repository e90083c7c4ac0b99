package io.wharf.bootstrap.telemetry;

import io.wharf.bootstrap.testing.OtlpReceiver;
import io.wharf.bootstrap.testing.OtlpReceiver.ReceivedSpan;
import io.wharf.bootstrap.testing.RegistryClient;
import io.wharf.bootstrap.testing.RunningRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code OTEL_EXPORTER_OTLP_PROTOCOL=grpc}: the same spans reach a real gRPC collector service. */
@Timeout(60)
class GrpcExportTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";

    @TempDir
    Path dir;

    @Test
    void spansGoOutOverGrpc() {
        try (OtlpReceiver otlp = OtlpReceiver.start();
             RunningRegistry registry = RunningRegistry.start(dir, Map.of(
                     "otel.exporter.otlp.endpoint", otlp.grpcEndpoint().toString(),
                     "otel.exporter.otlp.protocol", "grpc",
                     "otel.metrics.exporter", "none",
                     "otel.bsp.schedule.delay", "100"))) {
            RegistryClient client = new RegistryClient(registry.baseUri());
            assertEquals(200, client.get("/v2/", "traceparent", "00-" + TRACE + "-" + CLIENT_SPAN + "-01").statusCode());
            List<ReceivedSpan> spans = otlp.await(all -> all.stream().anyMatch(s -> s.traceId().equals(TRACE)),
                    Duration.ofSeconds(20));
            ReceivedSpan server = spans.stream().filter(s -> s.traceId().equals(TRACE)).findFirst().orElseThrow();
            assertEquals("GET /v2/", server.name());
            assertEquals(CLIENT_SPAN, server.parentSpanId());
        }
    }
}
