package io.wharf.metadata.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.CatalogObserver;
import io.wharf.domain.port.MetadataCatalog;
import io.wharf.domain.port.MetadataCatalogFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jooq.Configuration;
import org.jooq.SQLDialect;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.impl.DSL;

import java.util.Optional;
import java.util.Set;

/**
 * {@code catalog.type = postgres}: connects to {@code catalog.postgres.url}, or starts an embedded
 * PostgreSQL in {@code catalog.postgres.embedded-dir}; then brings the schema up to date with Flyway
 * before serving anything.
 */
public final class PostgresCatalogFactory implements MetadataCatalogFactory {

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public Set<String> settingKeys() {
        return CatalogSettings.KEYS;
    }

    @Override
    public MetadataCatalog open(AdapterSettings adapterSettings, CatalogObserver observer) {
        CatalogSettings settings = CatalogSettings.from(adapterSettings);
        Closer closer = new Closer();
        try {
            HikariConfig pool = new HikariConfig();
            pool.setPoolName("wharf-catalog");
            pool.setMaximumPoolSize(settings.poolSize());
            if (settings.embedded()) {
                EmbeddedCluster cluster = closer.register(
                        EmbeddedCluster.start(settings.embeddedDir().orElseThrow(), settings.embeddedPort()));
                pool.setJdbcUrl(cluster.jdbcUrl());
                pool.setUsername("postgres");
            } else {
                pool.setJdbcUrl(settings.url().orElseThrow());
                settings.user().ifPresent(pool::setUsername);
                settings.password().ifPresent(pool::setPassword);
            }
            HikariDataSource dataSource = closer.register(connect(pool));
            migrate(dataSource, pool.getJdbcUrl());
            Optional<ChangeListener> listener = Optional.empty();
            if (settings.manifestCacheBytes() > 0) {
                // Registered after the pool, so closed before it (and before the embedded server).
                listener = Optional.of(closer.register(ChangeListener.start(pool.getJdbcUrl(), pool.getUsername(),
                        pool.getPassword(), new ManifestCache(settings.manifestCacheBytes()))));
            }
            Configuration jooq = new DefaultConfiguration()
                    .set(dataSource)
                    .set(SQLDialect.POSTGRES)
                    .set(new DefaultExecuteListenerProvider(new StatementTiming(observer)));
            return new PostgresCatalog(new Sql(DSL.using(jooq)), listener, closer);
        } catch (RuntimeException e) {
            try {
                closer.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static HikariDataSource connect(HikariConfig pool) {
        try {
            return new HikariDataSource(pool);
        } catch (RuntimeException e) {
            // Hikari fails fast when the first connection cannot be made; the URL (not the password) helps.
            throw new CatalogException("cannot connect to the metadata catalog at " + pool.getJdbcUrl()
                    + " as " + pool.getUsername() + ": " + rootMessage(e), e);
        }
    }

    private static void migrate(HikariDataSource dataSource, String url) {
        try {
            // This module's class loader: the migrations are resources of this (opened) module.
            Flyway.configure(PostgresCatalogFactory.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new CatalogException("cannot bring the metadata catalog schema at " + url + " up to date: "
                    + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
