package io.wharf.bootstrap.config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The {@code admin.*} and {@code otel.*} keys, and the standard {@code OTEL_*} environment variables. */
final class ObservabilitySettingsReader {
    static final String ADMIN_ENABLED = "admin.enabled";
    static final String ADMIN_HOST = "admin.host";
    static final String ADMIN_PORT = "admin.port";
    /** OpenTelemetry SDK properties pass through under their own names. */
    static final String OTEL_PREFIX = "otel.";
    private static final String OTEL_ENVIRONMENT_PREFIX = "OTEL_";

    static final Map<String, String> DEFAULTS = Map.of(
            ADMIN_ENABLED, "true",
            // like distribution's debug port: the operator's network only, so loopback until said otherwise
            ADMIN_HOST, "127.0.0.1",
            ADMIN_PORT, "5001");

    private ObservabilitySettingsReader() {
    }

    /**
     * The standard OpenTelemetry variables in their property names ({@code OTEL_SERVICE_NAME} →
     * {@code otel.service.name}), which rank above the configuration file as every variable does.
     */
    static Map<String, String> otelEnvironment(Map<String, String> environment) {
        Map<String, String> properties = new HashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(OTEL_ENVIRONMENT_PREFIX)) {
                properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return properties;
    }

    static ObservabilitySettings read(Map<String, String> values) {
        Optional<Integer> adminPort = ConfigLoader.bool(values, ADMIN_ENABLED)
                ? Optional.of(ConfigLoader.integer(values, ADMIN_PORT, 0, 65535))
                : Optional.empty();
        Map<String, String> otel = new HashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(OTEL_PREFIX)) {
                otel.put(key, value);
            }
        });
        return new ObservabilitySettings(values.get(ADMIN_HOST).trim(), adminPort, otel);
    }
}
