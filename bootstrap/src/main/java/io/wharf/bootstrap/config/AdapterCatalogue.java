package io.wharf.bootstrap.config;

import io.wharf.domain.port.EventEndpointFactory;
import io.wharf.domain.port.MetadataCatalogFactory;
import io.wharf.domain.port.StorageDriverFactory;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The adapters this deployment ships, as the service loader found them. Which jars are on the module
 * path decides what can be configured: a registry without the S3 jar knows no {@code storage.s3.*} key.
 */
public record AdapterCatalogue(List<StorageDriverFactory> storageFactories, List<MetadataCatalogFactory> catalogFactories,
                               List<EventEndpointFactory> endpointFactories) {
    /** Keys below this belong to the notification endpoints, named by the operator, checked by their factory. */
    static final String ENDPOINTS_PREFIX = "notifications.endpoints.";

    public Set<String> storageDrivers() {
        return names(storageFactories, StorageDriverFactory::name);
    }

    public Set<String> catalogs() {
        return names(catalogFactories, MetadataCatalogFactory::name);
    }

    public Optional<StorageDriverFactory> storageDriver(String name) {
        return storageFactories.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public Optional<MetadataCatalogFactory> catalog(String name) {
        return catalogFactories.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The factory of notification endpoints, when this installation ships one. */
    public Optional<EventEndpointFactory> endpoints() {
        return endpointFactories.stream().findFirst();
    }

    /** Every adapter setting key, fully qualified: {@code storage.filesystem.rootdirectory}, … */
    Set<String> settingKeys() {
        Set<String> keys = new TreeSet<>();
        storageFactories.forEach(f -> f.settingKeys().forEach(k -> keys.add("storage." + f.name() + "." + k)));
        catalogFactories.forEach(f -> f.settingKeys().forEach(k -> keys.add("catalog." + f.name() + "." + k)));
        return keys;
    }

    /**
     * Places under the data directory for adapters that keep local state, unless configured:
     * the filesystem driver's root and the embedded PostgreSQL cluster.
     */
    Map<String, String> dataDirDefaults(Path dataDir, Map<String, String> configured) {
        Map<String, String> defaults = new HashMap<>();
        if (!configured.containsKey("storage.filesystem.rootdirectory")) {
            defaults.put("storage.filesystem.rootdirectory", dataDir.resolve("storage").toString());
        }
        if (!configured.containsKey("catalog.postgres.url") && !configured.containsKey("catalog.postgres.embedded-dir")) {
            defaults.put("catalog.postgres.embedded-dir", dataDir.resolve("postgres").toString());
        }
        return defaults;
    }

    private static <T> Set<String> names(List<T> factories, Function<T, String> name) {
        return factories.stream().map(name).collect(Collectors.toCollection(TreeSet::new));
    }
}
