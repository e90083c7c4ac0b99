package io.wharf.bootstrap;

import io.opentelemetry.api.OpenTelemetry;
import io.wharf.application.port.in.RegistryUseCases;
import io.wharf.application.service.BlobReadService;
import io.wharf.application.service.GuardedStorageDriver;
import io.wharf.application.service.ListingService;
import io.wharf.application.service.ManifestService;
import io.wharf.application.service.PullTimes;
import io.wharf.application.service.UploadExpiry;
import io.wharf.application.service.UploadService;
import io.wharf.application.service.health.DependencyCheck;
import io.wharf.application.service.health.HealthService;
import io.wharf.bootstrap.config.AdapterCatalogue;
import io.wharf.bootstrap.config.AuthSettings;
import io.wharf.bootstrap.config.TlsFiles;
import io.wharf.bootstrap.config.WharfConfig;
import io.wharf.bootstrap.logging.AccessLog;
import io.wharf.bootstrap.metrics.OpenUploadsGauge;
import io.wharf.bootstrap.metrics.PrometheusReader;
import io.wharf.bootstrap.tracing.TracedUseCases;
import io.wharf.domain.port.Ids;
import io.wharf.domain.port.MetadataCatalog;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageObserver;
import io.wharf.http.HealthEndpoints;
import io.wharf.http.RegistryHttpServer;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A running registry: the chosen adapters wired to the use cases behind the HTTP server. */
public final class Registry implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Registry.class.getName());

    private final StorageDriver storage;
    private final MetadataCatalog catalog;
    private final RegistryHttpServer server;
    /** How often pull times go to the catalog: the report's last-pull time is at most this late. */
    private static final long PULL_FLUSH_SECONDS = 60;

    private final ScheduledExecutorService housekeeping;
    private final PullTimes pulls;
    private final Notifications notifications;
    private final Telemetry telemetry;
    private final OpenUploadsGauge openUploads;
    private final String host;
    private final boolean https;

    private Registry(StorageDriver storage, MetadataCatalog catalog, RegistryHttpServer server,
                     ScheduledExecutorService housekeeping, Notifications notifications, Telemetry telemetry,
                     OpenUploadsGauge openUploads, PullTimes pulls, String host, boolean https) {
        this.pulls = pulls;
        this.telemetry = telemetry;
        this.openUploads = openUploads;
        this.storage = storage;
        this.catalog = catalog;
        this.server = server;
        this.housekeeping = housekeeping;
        this.notifications = notifications;
        this.host = host;
        this.https = https;
    }

    public static Registry start(WharfConfig config, AdapterCatalogue adapters) {
        Clock clock = Clock.systemUTC();
        PrometheusReader prometheus = new PrometheusReader();
        Telemetry telemetry = Telemetry.start(config.observability(), List.of(prometheus));
        OpenTelemetry openTelemetry = telemetry.openTelemetry();
        StorageDriver storage;
        try {
            storage = new GuardedStorageDriver(adapters.storageDriver(config.storageDriver()).orElseThrow()
                    .create(config.storageSettings()), storageObserver(config, openTelemetry), clock);
        } catch (RuntimeException e) {
            telemetry.close();
            throw e;
        }
        MetadataCatalog catalog = null;
        try {
            catalog = adapters.catalog(config.catalogType()).orElseThrow()
                    .open(config.catalogSettings(), new OpenTelemetryCatalogObserver(openTelemetry));
            Notifications notifications = Notifications.configure(config, adapters, catalog, clock, openTelemetry);
            PullTimes pulls = new PullTimes(catalog, clock);
            AccessControlSetup access = AccessControlSetup.from(config.auth(), clock);
            RegistryHttpServer.Builder http = RegistryHttpServer.builder()
                    .accessControl(access.control())
                    .requestObserver(new AccessLog())
                    .openTelemetry(openTelemetry);
            config.observability().adminPort().ifPresent(port -> http.adminPort(port)
                    .adminHost(config.observability().adminHost()));
            HealthEndpoints.addTo(http, new HealthService(List.of(
                    DependencyCheck.catalog(config.catalogType(), catalog), DependencyCheck.storage(storage))));
            http.adminEndpoint("/metrics", prometheus::respond);
            access.issuer().ifPresent(http::tokenIssuer);
            config.tls().ifPresent(tls -> {
                switch (tls.identity()) {
                    case TlsFiles.Pem pem -> http.tls(pem.certificate(), pem.key());
                    case TlsFiles.Keystore keystore -> http.tlsKeystore(keystore.file(), keystore.password());
                }
                http.tlsReloadInterval(tls.reloadInterval());
                tls.clientCa().ifPresent(ca -> http.clientCertificates(ca, tls.clientCertificateRequired()));
            });
            RegistryHttpServer server = http
                    .host(config.host())
                    .port(config.port())
                    .maxPageSize(config.maxPageSize())
                    .shutdownGracePeriod(config.shutdownGrace())
                    .chunkMinLength(config.chunkMinLength())
                    .useCases(TracedUseCases.wrap(new RegistryUseCases(
                            new UploadService(storage, catalog, catalog, notifications.recorder(), clock, Ids.random()),
                            new BlobReadService(storage, catalog, notifications.recorder(), config.redirectExpiry()),
                            new ManifestService(catalog, notifications.recorder(), pulls),
                            new ListingService(catalog, catalog, config.maxPageSize())), openTelemetry))
                    .start();
            ScheduledExecutorService housekeeping = scheduleUploadExpiry(config,
                    new UploadExpiry(catalog, storage, clock, config.uploadMaxAge()));
            housekeeping.scheduleWithFixedDelay(() -> flush(pulls), PULL_FLUSH_SECONDS, PULL_FLUSH_SECONDS,
                    TimeUnit.SECONDS);
            notifications.start();
            OpenUploadsGauge openUploads = new OpenUploadsGauge(openTelemetry, catalog::countSessions, clock);
            LOG.log(Level.INFO, "Wharf listening on {0}:{1,number,#} over {5} (storage {2}, catalog {3}, data {4}); {6}; {7}",
                    config.host(), server.port(), config.storageDriver(), config.catalogType(), config.dataDir(),
                    config.tls().isPresent() ? "HTTPS" : "plain HTTP", access.summary(), notifications.summary());
            if (!(config.auth() instanceof AuthSettings.Off) && config.tls().isEmpty() && !loopback(config.host())) {
                LOG.log(Level.WARNING, "access control is on but HTTP is plain: passwords and tokens cross the network "
                        + "readable; set http.tls.* or terminate TLS in front of Wharf");
            }
            return new Registry(storage, catalog, server, housekeeping, notifications, telemetry, openUploads, pulls,
                    config.host(), config.tls().isPresent());
        } catch (RuntimeException e) {
            closeQuietly(catalog, storage);
            telemetry.close();
            throw e;
        }
    }

    /** Slow calls to the log; every call as a span and a metric to OpenTelemetry. */
    private static StorageObserver storageObserver(WharfConfig config, OpenTelemetry openTelemetry) {
        StorageObserver log = new SlowStorageCallLog(config.slowStorageCall());
        StorageObserver telemetry = new OpenTelemetryStorageObserver(openTelemetry);
        return call -> {
            log.observe(call);
            telemetry.observe(call);
        };
    }

    private static boolean loopback(String host) {
        return host.equals("127.0.0.1") || host.equals("::1") || host.equals("localhost");
    }

    public int port() {
        return server.port();
    }

    /** The admin port (metrics, health), if it is on. */
    public java.util.Optional<Integer> adminPort() {
        return server.adminPort();
    }

    /** The address clients reach this registry at, e.g. {@code http://127.0.0.1:5000} or {@code https://…}. */
    public URI baseUri() {
        String reachable = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return URI.create((https ? "https://" : "http://") + reachable + ":" + port());
    }

    /** Stops accepting requests, lets those in flight finish, then closes the catalog and storage. */
    @Override
    public void close() {
        housekeeping.shutdownNow();
        server.stop();
        flush(pulls);
        notifications.close();
        openUploads.close();
        closeQuietly(catalog, storage);
        telemetry.close();
    }

    private static void flush(PullTimes pulls) {
        try {
            pulls.flush();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "recording last pull times failed; will retry", e);
        }
    }

    private static ScheduledExecutorService scheduleUploadExpiry(WharfConfig config, UploadExpiry expiry) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("wharf-housekeeping").daemon().factory());
        long every = config.uploadExpiryInterval().toSeconds();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                int removed = expiry.expireStale();
                if (removed > 0) {
                    LOG.log(Level.INFO, "expired {0} abandoned upload sessions", removed);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "upload expiry failed; will retry", e);
            }
        }, 0, Math.max(every, 1), TimeUnit.SECONDS);
        return scheduler;
    }

    private static void closeQuietly(MetadataCatalog catalog, StorageDriver storage) {
        if (catalog != null) {
            try {
                catalog.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing the catalog failed", e);
            }
        }
        try {
            storage.close();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "closing the storage driver failed", e);
        }
    }
}
