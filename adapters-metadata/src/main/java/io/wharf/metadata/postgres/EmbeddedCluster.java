package io.wharf.metadata.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PostgreSQL server run by the registry itself, for single-node installs without a database.
 * Its cluster lives in the data directory and is reused on the next start (zonky only runs initdb
 * when the directory holds no cluster yet), so the catalog survives restarts.
 */
final class EmbeddedCluster implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private EmbeddedCluster(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedCluster start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            return new EmbeddedCluster(EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // Only the registry talks to it, and the cluster trusts local connections.
                    .setServerConfig("listen_addresses", "localhost")
                    // zonky's defaults are for throwaway test databases: it passes -F (fsync off) and
                    // synchronous_commit=off. A registry's catalog must keep what it acknowledged
                    // across a power cut, so turn both back on (a later -c wins over -F).
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start());
        } catch (IOException | RuntimeException e) {
            throw new CatalogException("cannot start the embedded PostgreSQL in " + dataDirectory.toAbsolutePath()
                    + " (port " + (port == 0 ? "any" : port) + "): " + e.getMessage(), e);
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** Stops the server (fast shutdown); the data directory stays. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("stopping the embedded PostgreSQL failed", e);
        }
    }
}
