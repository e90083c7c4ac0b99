package io.wharf.metadata.postgres;

import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

import java.util.function.Function;

/**
 * Runs catalog statements: maps database failures to {@link CatalogException} naming the operation,
 * and retries whole transactions that PostgreSQL aborted only because of a concurrent one (deadlock,
 * serialization failure), which are not errors from the caller's point of view.
 */
final class Sql {
    private static final int ATTEMPTS = 5;

    private final DSLContext dsl;

    Sql(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** One statement (or several that need not be atomic) outside an explicit transaction. */
    <T> T query(String operation, Function<DSLContext, T> work) {
        try {
            return work.apply(dsl);
        } catch (DataAccessException e) {
            throw failure(operation, e);
        }
    }

    /** All or nothing: any exception rolls the transaction back. */
    <T> T transaction(String operation, Function<DSLContext, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
            } catch (DataAccessException e) {
                if (attempt >= ATTEMPTS || !isTransient(e)) {
                    throw failure(operation, e);
                }
            }
        }
    }

    /** All or nothing, tried once: for work with effects outside the database that must not run twice. */
    <T> T transactionOnce(String operation, Function<DSLContext, T> work) {
        try {
            return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
        } catch (DataAccessException e) {
            throw failure(operation, e);
        }
    }

    private static boolean isTransient(DataAccessException e) {
        String state = e.sqlState();
        return "40001".equals(state) || "40P01".equals(state);
    }

    private static CatalogException failure(String operation, DataAccessException e) {
        return new CatalogException("metadata catalog: " + operation + " failed (SQLSTATE " + e.sqlState() + "): "
                + e.getMessage(), e);
    }
}
