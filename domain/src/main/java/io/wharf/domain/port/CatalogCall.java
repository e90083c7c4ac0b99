package io.wharf.domain.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One finished statement of the metadata catalog, e.g. a {@code SELECT} on PostgreSQL.
 *
 * @param system    the database, e.g. {@code postgresql}
 * @param operation the statement's verb in upper case ({@code SELECT}, {@code INSERT}, …), {@code OTHER} if unknown
 * @param statement the statement text with placeholders for its values, never the values themselves
 * @param failed    whether the database refused or failed the statement
 */
public record CatalogCall(String system, String operation, String statement, Instant started, Duration elapsed,
                          boolean failed) {
    public CatalogCall {
        Objects.requireNonNull(system);
        Objects.requireNonNull(operation);
        Objects.requireNonNull(statement);
        Objects.requireNonNull(started);
        Objects.requireNonNull(elapsed);
    }
}
