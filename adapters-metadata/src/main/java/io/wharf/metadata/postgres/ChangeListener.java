package io.wharf.metadata.postgres;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * LISTENs on the channel the V2 migration's triggers NOTIFY and drops the named repository from the
 * {@link ManifestCache}; this is what keeps several registry instances on one database coherent.
 *
 * <p>It owns one connection outside the pool (a pooled one would be recycled by Hikari's max lifetime,
 * silently ending the LISTEN). The cache serves only between a successful LISTEN and the first error on
 * that connection; then it reconnects with backoff while reads go to SQL.
 */
final class ChangeListener implements AutoCloseable {
    static final String CHANNEL = "wharf_manifest_changes";
    static final String APPLICATION_NAME = "wharf-catalog-listener";
    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);
    private static final int POLL_MILLIS = 500;
    /** A query now and then: a connection that silently died (no FIN) would otherwise just look quiet. */
    private static final long HEARTBEAT_NANOS = Duration.ofSeconds(5).toNanos();
    private static final long FIRST_BACKOFF_MILLIS = 1_000;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final String url;
    private final Properties properties;
    private final ManifestCache cache;
    private final Thread thread;
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    /** Counted down by close(): ends a backoff wait at once (interrupting socket reads is not reliable). */
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile int backendPid;

    private ChangeListener(String url, Properties properties, ManifestCache cache) {
        this.url = url;
        this.properties = properties;
        this.cache = cache;
        // A platform daemon thread: it blocks in socket reads most of the time and must not keep the JVM up.
        this.thread = Thread.ofPlatform().name("wharf-catalog-listener").daemon().unstarted(this::run);
    }

    /**
     * Starts listening for the cache, waiting a little for the first LISTEN so that the cache serves
     * from the start; if the database is slow, the cache simply starts serving later.
     */
    static ChangeListener start(String url, String user, String password, ManifestCache cache) {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "10");
        ChangeListener listener = new ChangeListener(url, properties, cache);
        listener.thread.start();
        try {
            listener.firstAttempt.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return listener;
    }

    private void run() {
        long backoff = FIRST_BACKOFF_MILLIS;
        boolean failed = false;
        while (!closed) {
            try (Connection connection = connect()) {
                try {
                    listen(connection);
                    cache.startServing();
                    firstAttempt.countDown();
                    if (failed) {
                        LOG.info("manifest cache on again: LISTEN {} re-established", CHANNEL);
                        failed = false;
                    }
                    backoff = FIRST_BACKOFF_MILLIS;
                    poll(connection.unwrap(PGConnection.class), connection);
                } finally {
                    // At once, not after closing the broken connection (which may take a while).
                    cache.stopServing();
                }
            } catch (SQLException | RuntimeException e) {
                failed = true;
                if (!closed) {
                    LOG.warn("manifest cache off: lost LISTEN {} ({}); reads go to the database, reconnecting in {} ms",
                            CHANNEL, e.getMessage(), backoff);
                }
            } finally {
                cache.stopServing();
                backendPid = 0;
                firstAttempt.countDown();
            }
            if (!closed) {
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private Connection connect() throws SQLException {
        // The driver directly, not DriverManager: no dependence on service loading of java.sql.Driver.
        Connection connection = new org.postgresql.Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: " + url);
        }
        return connection;
    }

    private void listen(Connection connection) throws SQLException {
        connection.setAutoCommit(true); // notifications are only delivered outside a transaction
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
            try (ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
                pid.next();
                backendPid = pid.getInt(1);
            }
        }
    }

    private void poll(PGConnection notifications, Connection connection) throws SQLException {
        long lastHeartbeat = System.nanoTime();
        while (!closed) {
            // Throws once the server ends the session (e.g. pg_terminate_backend, restart).
            PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
            if (received != null) {
                for (PGNotification notification : received) {
                    String repository = notification.getParameter();
                    if (repository == null || repository.isEmpty()) {
                        cache.invalidateAll();
                    } else {
                        cache.invalidate(repository);
                    }
                }
            }
            if (System.nanoTime() - lastHeartbeat > HEARTBEAT_NANOS) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
                lastHeartbeat = System.nanoTime();
            }
        }
    }

    private void sleep(long millis) {
        try {
            closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** The cache this listener keeps coherent. */
    ManifestCache cache() {
        return cache;
    }

    /** The backend of the LISTEN connection, 0 while not connected (tests terminate it). */
    int backendPid() {
        return backendPid;
    }

    /** Stops the thread; it closes its connection on the way out (within one poll interval). */
    @Override
    public void close() {
        closed = true;
        closing.countDown();
        try {
            thread.join(Duration.ofSeconds(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cache.stopServing();
    }
}
