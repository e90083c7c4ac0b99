package io.wharf.bootstrap.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Wharf tells what it does: the admin port (metrics, health) and the OpenTelemetry SDK's
 * properties.
 *
 * @param adminHost      the address the admin port binds
 * @param adminPort      the admin port; empty when it is off ({@code admin.enabled: false})
 * @param otelProperties OpenTelemetry SDK properties in their standard names ({@code otel.service.name}, …):
 *                       {@code otel.*} keys of the configuration and the standard {@code OTEL_*} variables
 */
public record ObservabilitySettings(String adminHost, Optional<Integer> adminPort,
                                    Map<String, String> otelProperties) {
    public ObservabilitySettings {
        Objects.requireNonNull(adminHost);
        Objects.requireNonNull(adminPort);
        otelProperties = Map.copyOf(otelProperties);
    }
}
