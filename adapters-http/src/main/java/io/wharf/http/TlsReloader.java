package io.wharf.http;

import io.helidon.webserver.WebServer;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Certificates are renewed on disk (certbot, cert-manager) while the registry runs: the PEM files (and the
 * client CA bundle, if any) are
 * looked at every interval and, when either changed, loaded and handed to the listener, which uses
 * them for new connections. A pair that does not load (say, the key written but not yet the
 * certificate) is logged and the current one kept; the next look tries again.
 */
final class TlsReloader implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TlsReloader.class.getName());

    private final ServerTls files;
    private final WebServer server;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("wharf-tls-reload").daemon().factory());
    private List<Object> loaded;

    TlsReloader(ServerTls files, WebServer server, Duration interval) {
        this.files = files;
        this.server = server;
        this.loaded = fingerprint();
        long millis = Math.max(interval.toMillis(), 1);
        scheduler.scheduleWithFixedDelay(this::reloadIfChanged, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void reloadIfChanged() {
        List<Object> current = fingerprint();
        if (current.equals(loaded)) {
            return;
        }
        try {
            server.reloadTls(files.load());
            loaded = current;
            LOG.log(Level.INFO, "TLS certificate reloaded from {0}", files.identity().files().getFirst());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "TLS files changed but do not load; still serving the previous certificate: {0}",
                    e.getMessage());
        }
    }

    /** Modification time, size and inode of every file: what a rewrite or a rename into place changes. */
    private List<Object> fingerprint() {
        return files.files().stream().map(TlsReloader::stamp).toList();
    }

    private static Object stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(attributes.lastModifiedTime(), attributes.size(), String.valueOf(attributes.fileKey()));
        } catch (IOException missingForAMoment) {
            return "missing";
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
