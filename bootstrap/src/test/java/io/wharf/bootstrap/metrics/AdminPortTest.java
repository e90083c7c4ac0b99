package io.wharf.bootstrap.metrics;

import io.wharf.bootstrap.testing.RegistryClient;
import io.wharf.bootstrap.testing.RunningRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The admin port's settings: {@code admin.host} is where the metrics are served, {@code admin.enabled} turns them off. */
class AdminPortTest {

    /** Linux routes all of 127.0.0.0/8 to loopback, so a second loopback address tells the bind apart. */
    @Test
    void theMetricsAreServedOnTheAdminHostOnly(@TempDir Path dir) {
        try (RunningRegistry registry = RunningRegistry.start(dir, Map.of("admin.host", "127.0.0.2"))) {
            int port = registry.adminPort().orElseThrow();
            assertEquals(200, new RegistryClient(URI.create("http://127.0.0.2:" + port)).get("/metrics").statusCode());
            UncheckedIOException refused = assertThrows(UncheckedIOException.class,
                    () -> new RegistryClient(URI.create("http://127.0.0.1:" + port)).get("/metrics"));
            assertInstanceOf(ConnectException.class, refused.getCause());
        }
    }

    @Test
    void adminDisabledOpensNoPort(@TempDir Path dir) {
        try (RunningRegistry registry = RunningRegistry.start(dir, Map.of("admin.enabled", "false"))) {
            assertEquals(Optional.empty(), registry.adminPort());
        }
    }
}
