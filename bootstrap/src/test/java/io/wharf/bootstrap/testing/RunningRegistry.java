package io.wharf.bootstrap.testing;

import io.wharf.bootstrap.Registry;
import io.wharf.bootstrap.config.Adapters;
import io.wharf.bootstrap.config.AdapterCatalogue;
import io.wharf.bootstrap.config.ConfigLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The real registry for tests: the shipped adapters (filesystem storage, embedded PostgreSQL
 * catalog) on a free loopback port, with its data in a directory the test owns. Nothing is faked.
 */
public final class RunningRegistry implements AutoCloseable {
    private final Path dataDir;
    private final Map<String, String> settings;
    private Registry registry;

    private RunningRegistry(Path dataDir, Map<String, String> settings) {
        this.dataDir = dataDir;
        this.settings = settings;
    }

    /** Starts a registry keeping its storage and catalog under {@code dataDir}. */
    public static RunningRegistry start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /** @param settings extra configuration keys, e.g. {@code uploads.max-age} */
    public static RunningRegistry start(Path dataDir, Map<String, String> settings) {
        RunningRegistry running = new RunningRegistry(dataDir, settings);
        running.registry = running.boot();
        return running;
    }

    private Registry boot() {
        Map<String, String> flags = new HashMap<>(settings);
        flags.put("data-dir", dataDir.toString());
        flags.putIfAbsent("http.port", "0");
        flags.put("http.host", "127.0.0.1");
        flags.putIfAbsent("http.shutdown-grace", "5s");
        flags.putIfAbsent("admin.port", "0");
        AdapterCatalogue adapters = Adapters.discover();
        return Registry.start(new ConfigLoader(adapters, Map.of()).load(Optional.empty(), flags), adapters);
    }

    /** Stops the registry and starts it again on the same data, as a process restart would. */
    public void restart() {
        registry.close();
        registry = boot();
    }

    public URI baseUri() {
        return registry.baseUri();
    }

    /** The admin port's address (metrics, health), {@code http://127.0.0.1:PORT}. */
    public URI adminUri() {
        return URI.create("http://127.0.0.1:" + registry.adminPort().orElseThrow());
    }

    /** The admin port's number; empty when {@code admin.enabled} is false. */
    public Optional<Integer> adminPort() {
        return registry.adminPort();
    }

    /** {@code 127.0.0.1:PORT}, the registry part of an image reference. */
    public String authority() {
        return "127.0.0.1:" + registry.port();
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        registry.close();
    }

    /** A loopback port free now; a registry (or its embedded PostgreSQL) binds it a moment later. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
