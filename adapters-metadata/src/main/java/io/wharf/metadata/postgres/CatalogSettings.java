package io.wharf.metadata.postgres;

import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.InvalidSettingException;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code catalog.postgres} section. Without {@code url} the catalog runs an embedded PostgreSQL
 * whose cluster lives in {@code embedded-dir}; with it, {@code embedded-*} keys are ignored (bootstrap
 * always passes {@code embedded-dir}).
 */
record CatalogSettings(Optional<String> url, Optional<String> user, Optional<String> password, int poolSize,
                       Optional<Path> embeddedDir, int embeddedPort, long manifestCacheBytes) {

    static final String URL = "url";
    static final String USER = "user";
    static final String PASSWORD = "password";
    static final String POOL_SIZE = "pool-size";
    static final String EMBEDDED_DIR = "embedded-dir";
    static final String EMBEDDED_PORT = "embedded-port";
    static final String MANIFEST_CACHE_BYTES = "manifest-cache-bytes";
    // Small next to the launcher's 128 MiB heap, yet thousands of typical (1-4 KiB) manifests.
    static final long DEFAULT_MANIFEST_CACHE_BYTES = 16L << 20;
    static final Set<String> KEYS = Set.of(URL, USER, PASSWORD, POOL_SIZE, EMBEDDED_DIR, EMBEDDED_PORT, MANIFEST_CACHE_BYTES);

    static CatalogSettings from(AdapterSettings settings) {
        settings.rejectUnknown(KEYS);
        Optional<String> url = settings.string(URL).map(String::trim).filter(s -> !s.isEmpty());
        if (url.isPresent() && !url.get().startsWith("jdbc:postgresql:")) {
            throw new InvalidSettingException(settings.fullKey(URL), "must be a jdbc:postgresql: URL");
        }
        int poolSize = settings.integer(POOL_SIZE, 10);
        if (poolSize < 1 || poolSize > 1000) {
            throw new InvalidSettingException(settings.fullKey(POOL_SIZE), "must be between 1 and 1000, got " + poolSize);
        }
        int port = settings.integer(EMBEDDED_PORT, 0);
        if (port < 0 || port > 65535) {
            throw new InvalidSettingException(settings.fullKey(EMBEDDED_PORT), "must be 0 (any free port) or a TCP port, got " + port);
        }
        Optional<Path> embeddedDir = settings.string(EMBEDDED_DIR).filter(s -> !s.isBlank()).map(Path::of);
        if (url.isEmpty() && embeddedDir.isEmpty()) {
            throw new InvalidSettingException(settings.fullKey(EMBEDDED_DIR),
                    "is required when " + settings.fullKey(URL) + " is not set (the embedded PostgreSQL keeps its data there)");
        }
        return new CatalogSettings(url, settings.string(USER), settings.string(PASSWORD), poolSize, embeddedDir, port,
                manifestCacheBytes(settings));
    }

    /** A plain byte count (AdapterSettings.integer stops at 2 GiB); 0 turns the manifest cache off. */
    private static long manifestCacheBytes(AdapterSettings settings) {
        String text = settings.string(MANIFEST_CACHE_BYTES).map(String::trim).orElse("");
        if (text.isEmpty()) {
            return DEFAULT_MANIFEST_CACHE_BYTES;
        }
        try {
            long bytes = Long.parseLong(text);
            if (bytes >= 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidSettingException(settings.fullKey(MANIFEST_CACHE_BYTES),
                "must be a number of bytes, 0 to turn the cache off, got '" + text + "'");
    }

    boolean embedded() {
        return url.isEmpty();
    }
}
