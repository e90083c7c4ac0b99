package io.wharf.bootstrap.config;

import io.wharf.domain.port.AdapterSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry's validated configuration. Adapter sections are passed to the chosen adapter as
 * {@link AdapterSettings}; everything else is typed here.
 *
 * @param redirectExpiry  how long a blob download URL handed to clients stays valid; empty when
 *                        redirects are off ({@code storage.redirect.enabled: false})
 * @param slowStorageCall storage calls slower than this are logged as warnings
 * @param tls             the PEM files to serve HTTPS with; empty for plain HTTP
 * @param auth            access control: off, htpasswd or token
 * @param observability   the admin port and the OpenTelemetry SDK's properties
 * @param log             the log format and levels
 */
public record WharfConfig(String host, int port, Path dataDir, String storageDriver, String catalogType,
                          Duration uploadMaxAge, Duration uploadExpiryInterval,
                          int maxPageSize, Duration shutdownGrace, long chunkMinLength,
                          Optional<Duration> redirectExpiry, Duration slowStorageCall, Optional<TlsFiles> tls,
                          AuthSettings auth, ObservabilitySettings observability, LogSettings log,
                          Map<String, String> adapterValues) {
    public WharfConfig {
        Objects.requireNonNull(host);
        Objects.requireNonNull(auth);
        Objects.requireNonNull(observability);
        Objects.requireNonNull(log);
        Objects.requireNonNull(dataDir);
        adapterValues = Map.copyOf(adapterValues);
    }

    public AdapterSettings storageSettings() {
        return section("storage." + storageDriver);
    }

    public AdapterSettings catalogSettings() {
        return section("catalog." + catalogType);
    }

    /** The keys under {@code notifications.endpoints}: each endpoint's settings, prefixed with its name. */
    public AdapterSettings notificationSettings() {
        return section("notifications.endpoints");
    }

    private AdapterSettings section(String section) {
        String prefix = section + ".";
        Map<String, String> values = new java.util.HashMap<>();
        adapterValues.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                values.put(k.substring(prefix.length()), v);
            }
        });
        return new AdapterSettings(section, values);
    }
}
