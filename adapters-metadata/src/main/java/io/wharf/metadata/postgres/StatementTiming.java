package io.wharf.metadata.postgres;

import io.wharf.domain.port.CatalogCall;
import io.wharf.domain.port.CatalogObserver;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Times every statement jOOQ runs, from rendering to the last row fetched, and tells the
 * {@link CatalogObserver}. The text jOOQ renders has {@code ?} for every bind value, so no value of a
 * row (a digest, a user name) reaches a span.
 */
final class StatementTiming implements ExecuteListener {
    private static final String SYSTEM = "postgresql";
    /** Multi-row inserts of events render long statements; a span needs the shape, not every row. */
    private static final int MAX_STATEMENT = 2_000;
    private static final Object STARTED = new Object();

    private final CatalogObserver observer;

    StatementTiming(CatalogObserver observer) {
        this.observer = observer;
    }

    @Override
    public void start(ExecuteContext ctx) {
        ctx.data(STARTED, new Start(Instant.now(), System.nanoTime()));
    }

    @Override
    public void end(ExecuteContext ctx) {
        if (!(ctx.data(STARTED) instanceof Start start)) {
            return;
        }
        String sql = statement(ctx);
        observer.observe(new CatalogCall(SYSTEM, operation(sql), sql.length() <= MAX_STATEMENT ? sql
                : sql.substring(0, MAX_STATEMENT) + " …", start.at(),
                Duration.ofNanos(System.nanoTime() - start.nanos()), ctx.exception() != null));
    }

    private static String statement(ExecuteContext ctx) {
        if (ctx.sql() != null) {
            return ctx.sql();
        }
        String[] batch = ctx.batchSQL();
        return batch.length > 0 && batch[0] != null ? batch[0] : "";
    }

    /** The leading keyword; {@code WITH …} and the like count as what they mostly are, reads. */
    static String operation(String sql) {
        int start = 0;
        while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
            end++;
        }
        String verb = sql.substring(start, end).toUpperCase(Locale.ROOT);
        return switch (verb) {
            case "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "WITH", "CALL", "LOCK", "NOTIFY" -> verb;
            case "" -> "OTHER";
            default -> verb.length() <= 16 ? verb : "OTHER";
        };
    }

    private record Start(Instant at, long nanos) {
    }
}
