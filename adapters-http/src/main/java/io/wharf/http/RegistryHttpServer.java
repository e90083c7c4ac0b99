package io.wharf.http;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.wharf.application.port.in.BlobReads;
import io.wharf.application.port.in.BlobUploads;
import io.wharf.application.port.in.Listings;
import io.wharf.application.port.in.AccessControl;
import io.wharf.application.port.in.RegistryUseCases;
import io.wharf.application.port.in.TokenIssuance;
import io.wharf.application.port.in.Manifests;
import io.wharf.http.internal.AdminRouting;
import io.wharf.http.internal.RegistryRequestHandler;
import io.wharf.http.internal.RequestTelemetry;
import io.opentelemetry.api.OpenTelemetry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry's HTTP API (OCI Distribution v1.1) on a started Helidon SE server.
 *
 * <pre>{@code
 * RegistryHttpServer server = RegistryHttpServer.builder()
 *         .blobUploads(uploads).blobReads(reads).manifests(manifests).listings(listings)
 *         .host("0.0.0.0").port(5000)
 *         .start();
 * ...
 * server.stop();
 * }</pre>
 */
public final class RegistryHttpServer implements AutoCloseable {
    /** The named Helidon socket of the admin port. */
    private static final String ADMIN_SOCKET = "admin";

    /** Where the built-in token issuer is served, when there is one. */
    public static final String TOKEN_PATH = "/auth/token";

    private final WebServer server;
    private final Optional<TlsReloader> tlsReloader;
    private final boolean hasAdminPort;

    private RegistryHttpServer(WebServer server, Optional<TlsReloader> tlsReloader, boolean hasAdminPort) {
        this.tlsReloader = tlsReloader;
        this.hasAdminPort = hasAdminPort;
        this.server = server;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The port it listens on; the real one when the builder asked for port 0. */
    public int port() {
        return server.port();
    }

    /** The admin port; the real one when the builder asked for port 0; empty when there is no admin port. */
    public Optional<Integer> adminPort() {
        return hasAdminPort ? Optional.of(server.port(ADMIN_SOCKET)) : Optional.empty();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    /**
     * Stops accepting connections, lets requests in flight finish within the shutdown grace period,
     * then closes what is left. Idle keep-alive connections close at once.
     */
    public void stop() {
        tlsReloader.ifPresent(TlsReloader::close);
        server.stop();
    }

    @Override
    public void close() {
        stop();
    }

    public static final class Builder {
        private BlobUploads blobUploads;
        private BlobReads blobReads;
        private Manifests manifests;
        private Listings listings;
        private String host = "0.0.0.0";
        private int port = 5000;
        private int maxPageSize = 1000;
        private long chunkMinLength;
        private Duration shutdownGracePeriod = Duration.ofSeconds(10);
        private Optional<ServerTls> tls = Optional.empty();
        private Duration tlsReloadInterval = Duration.ofMinutes(1);
        private AccessControl accessControl = AccessControl.OFF;
        private Optional<TokenIssuance> tokenIssuer = Optional.empty();
        private OpenTelemetry openTelemetry = OpenTelemetry.noop();
        private RequestObserver requestObserver = RequestObserver.NONE;
        private Optional<Integer> adminPort = Optional.empty();
        private Optional<String> adminHost = Optional.empty();
        private final Map<String, AdminEndpoint> adminEndpoints = new LinkedHashMap<>();
        private final Map<String, AdminEndpoint> mainPortEndpoints = new LinkedHashMap<>();

        private Builder() {
        }

        /** Where request spans and metrics go; default: nowhere. The W3C propagator of it reads {@code traceparent}. */
        public Builder openTelemetry(OpenTelemetry openTelemetry) {
            this.openTelemetry = Objects.requireNonNull(openTelemetry);
            return this;
        }

        /** Told of every answered request (the access log); default: no one. */
        public Builder requestObserver(RequestObserver requestObserver) {
            this.requestObserver = Objects.requireNonNull(requestObserver);
            return this;
        }

        /**
         * Opens the admin port (plain HTTP, on the {@link #adminHost admin host}) serving the
         * {@link #adminEndpoint admin endpoints}; 0 for any free port. Default: no admin port.
         */
        public Builder adminPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("admin port " + port + " is not 0-65535");
            }
            this.adminPort = Optional.of(port);
            return this;
        }

        /**
         * The address the admin port binds; default: the registry's {@link #host}. Apart because the
         * registry may serve the world while metrics stay on the operator's network.
         */
        public Builder adminHost(String host) {
            this.adminHost = Optional.of(host);
            return this;
        }

        /** Serves GET {@code path} on the admin port, e.g. {@code /metrics}. */
        public Builder adminEndpoint(String path, AdminEndpoint endpoint) {
            adminEndpoints.put(path, Objects.requireNonNull(endpoint));
            return this;
        }

        /**
         * Serves GET {@code path} on the registry port too, without access control, e.g. distribution's
         * {@code /debug/health}; the path must not be one of the registry API's.
         */
        public Builder publicEndpoint(String path, AdminEndpoint endpoint) {
            if (path.startsWith("/v2") || path.equals(TOKEN_PATH)) {
                throw new IllegalArgumentException(path + " belongs to the registry API");
            }
            mainPortEndpoints.put(path, Objects.requireNonNull(endpoint));
            return this;
        }

        /** Who may do what; default {@link AccessControl#OFF}, everyone everything. */
        public Builder accessControl(AccessControl accessControl) {
            this.accessControl = Objects.requireNonNull(accessControl);
            return this;
        }

        /** Serves the built-in token issuer at {@code /auth/token}; default: no issuer. */
        public Builder tokenIssuer(TokenIssuance tokenIssuer) {
            this.tokenIssuer = Optional.of(tokenIssuer);
            return this;
        }

        /** All four use cases at once. */
        public Builder useCases(RegistryUseCases useCases) {
            return blobUploads(useCases.blobUploads()).blobReads(useCases.blobReads())
                    .manifests(useCases.manifests()).listings(useCases.listings());
        }

        public Builder blobUploads(BlobUploads blobUploads) {
            this.blobUploads = Objects.requireNonNull(blobUploads);
            return this;
        }

        public Builder blobReads(BlobReads blobReads) {
            this.blobReads = Objects.requireNonNull(blobReads);
            return this;
        }

        public Builder manifests(Manifests manifests) {
            this.manifests = Objects.requireNonNull(manifests);
            return this;
        }

        public Builder listings(Listings listings) {
            this.listings = Objects.requireNonNull(listings);
            return this;
        }

        /** Address to bind; default {@code 0.0.0.0}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** Port to bind, 0 for any free one; default 5000. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not 0-65535");
            }
            this.port = port;
            return this;
        }

        /** Largest page of tags or repositories one request returns; a larger {@code n} is cut to it. Default 1000. */
        public Builder maxPageSize(int maxPageSize) {
            if (maxPageSize < 1) {
                throw new IllegalArgumentException("max page size " + maxPageSize + " < 1");
            }
            this.maxPageSize = maxPageSize;
            return this;
        }

        /**
         * Advertised as {@code OCI-Chunk-Min-Length} when a session opens. Default 0: the header is
         * left out, as distribution does, because the upload use case accepts chunks of any size.
         */
        public Builder chunkMinLength(long chunkMinLength) {
            if (chunkMinLength < 0) {
                throw new IllegalArgumentException("chunk min length " + chunkMinLength + " < 0");
            }
            this.chunkMinLength = chunkMinLength;
            return this;
        }

        /** How long {@link #stop()} waits for requests in flight; default 10 s. */
        public Builder shutdownGracePeriod(Duration shutdownGracePeriod) {
            if (shutdownGracePeriod.isNegative()) {
                throw new IllegalArgumentException("grace period " + shutdownGracePeriod + " < 0");
            }
            this.shutdownGracePeriod = shutdownGracePeriod;
            return this;
        }

        /**
         * Serves HTTPS (TLS 1.3 and 1.2 only) with the PEM certificate chain (server certificate first)
         * and the unencrypted PKCS#8 PEM private key at these paths; default: plain HTTP.
         */
        public Builder tls(Path certificateChain, Path privateKey) {
            this.tls = Optional.of(new ServerTls(new ServerTls.PemIdentity(certificateChain, privateKey), Optional.empty()));
            return this;
        }

        /** Serves HTTPS (TLS 1.3 and 1.2 only) with the key entry of a PKCS#12 keystore; instead of PEM files. */
        public Builder tlsKeystore(Path pkcs12, String password) {
            this.tls = Optional.of(new ServerTls(new ServerTls.Pkcs12Identity(pkcs12, password), Optional.empty()));
            return this;
        }

        /**
         * With {@link #tls}: accept client certificates signed by the CAs in the PEM {@code caBundle};
         * {@code required} refuses connections without one, otherwise an offered certificate is checked.
         */
        public Builder clientCertificates(Path caBundle, boolean required) {
            ServerTls server = tls.orElseThrow(() -> new IllegalStateException("client certificates need tls(...) first"));
            this.tls = Optional.of(new ServerTls(server.identity(),
                    Optional.of(new ServerTls.ClientCertificates(caBundle, required))));
            return this;
        }

        /** How often the TLS files are checked for a renewed certificate; default 1 minute. */
        public Builder tlsReloadInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("TLS reload interval " + interval + " must be positive");
            }
            this.tlsReloadInterval = interval;
            return this;
        }

        /**
         * Binds and starts the server; returns once it accepts connections.
         *
         * @throws IllegalArgumentException when the TLS files cannot be read as a certificate chain and key
         */
        public RegistryHttpServer start() {
            RegistryUseCases useCases = new RegistryUseCases(blobUploads, blobReads, manifests, listings);
            RegistryRequestHandler handler = new RegistryRequestHandler(useCases, accessControl, tokenIssuer,
                    maxPageSize, chunkMinLength);
            WebServerConfig.Builder config = WebServer.builder();
            tls.ifPresent(files -> config.tls(files.load()));
            HttpRouting.Builder routing = HttpRouting.builder()
                    .addFilter(new RequestTelemetry(openTelemetry, requestObserver, tls.isPresent()));
            AdminRouting.register(routing, mainPortEndpoints);
            routing.any(handler);
            adminPort.ifPresent(admin -> config.putSocket(ADMIN_SOCKET, socket -> socket
                    .host(adminHost.orElse(host))
                    .port(admin)
                    .routing(adminRouting -> AdminRouting.register(adminRouting, adminEndpoints))));
            WebServer server = config
                    .host(host)
                    .port(port)
                    // Plain HTTP: blocking sockets + 1 MiB writes give ~0.95x nginx for large blobs, vs ~0.5x
                    // with NIO (TOOLCHAIN.md). Over TLS, Helidon 4.5's blocking-socket path ignores the TLS
                    // parameters (enabled protocols, client authentication), so TLS takes the NIO path.
                    // writeQueueLength stays 0 either way: above 0 it corrupted streamed bodies.
                    .useNio(tls.isPresent())
                    .shutdownGracePeriod(shutdownGracePeriod)
                    // The owner stops the server, in order with what it stops after (catalog, storage). Helidon's
                    // own hook would stop it concurrently, and loads io.helidon.Main, which prints a plain-text
                    // line to stderr amid the JSON logs.
                    .shutdownHook(false)
                    .routing(routing)
                    .build()
                    .start();
            return new RegistryHttpServer(server, tls.map(files -> new TlsReloader(files, server, tlsReloadInterval)),
                    adminPort.isPresent());
        }
    }
}
