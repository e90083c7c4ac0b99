package io.wharf.metadata.postgres;

import io.wharf.domain.model.BlobRecord;
import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.MetadataCatalog;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gives each test an empty catalog on one server: a fresh schema, selected through the JDBC URL's
 * currentSchema, migrated by the factory as in production. Schemas are dropped by {@link #dropAll()}.
 */
final class SchemaPerCatalog {
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;
    private final String prefix;
    private final List<String> schemas = new ArrayList<>();

    SchemaPerCatalog(String url, Optional<String> user, Optional<String> password) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.prefix = "wharf_test_" + Long.toHexString(System.nanoTime()) + "_";
    }

    MetadataCatalog newCatalog() {
        return newCatalog(Map.of());
    }

    /** A catalog over a new, empty schema, with these settings besides the connection ones. */
    MetadataCatalog newCatalog(Map<String, String> settings) {
        String schema = prefix + schemas.size();
        execute("CREATE SCHEMA " + schema);
        schemas.add(schema);
        return open(schema, settings);
    }

    /** Another catalog (as a second registry instance would have) on the schema of the latest one. */
    MetadataCatalog anotherCatalogOnLatestSchema(Map<String, String> settings) {
        return open(schemas.getLast(), settings);
    }

    private MetadataCatalog open(String schema, Map<String, String> settings) {
        Map<String, String> values = new HashMap<>(settings);
        values.put(CatalogSettings.URL, url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        values.put(CatalogSettings.POOL_SIZE, "10");
        user.ifPresent(u -> values.put(CatalogSettings.USER, u));
        password.ifPresent(p -> values.put(CatalogSettings.PASSWORD, p));
        return new PostgresCatalogFactory().open(new AdapterSettings("catalog.postgres", values));
    }

    /** Counts blob rows in the schema of the latest catalog. */
    long blobRows(BlobRecord blob) {
        String schema = schemas.getLast();
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM " + schema + ".blob WHERE digest = ?")) {
            statement.setString(1, blob.digest().toString());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void dropAll() {
        for (String schema : schemas) {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        schemas.clear();
    }

    void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** A plain connection to the schema of the latest catalog, to act as another writer would. */
    Connection connectToLatestSchema() throws SQLException {
        Connection connection = connect();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schemas.getLast());
        }
        return connection;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user.orElse(null), password.orElse(null));
    }
}
