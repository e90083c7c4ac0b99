package io.wharf.bootstrap.logging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/** What both line formats take from a record, written the same way in both. */
final class RecordParts {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private RecordParts() {
    }

    /**
     * ISO-8601 in UTC to the millisecond, always with three fraction digits ({@code 2026-11-03T10:15:30.120Z}),
     * which sorts as text; {@code DateTimeFormatter.ISO_INSTANT} drops zero fractions and prints nanoseconds.
     */
    static void appendTime(StringBuilder out, Instant time) {
        long millis = time.toEpochMilli();
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(millis, MILLIS_PER_DAY));
        int ofDay = (int) Math.floorMod(millis, MILLIS_PER_DAY);
        pad(out, date.getYear(), 4).append('-');
        pad(out, date.getMonthValue(), 2).append('-');
        pad(out, date.getDayOfMonth(), 2).append('T');
        pad(out, ofDay / 3_600_000, 2).append(':');
        pad(out, ofDay / 60_000 % 60, 2).append(':');
        pad(out, ofDay / 1000 % 60, 2).append('.');
        pad(out, ofDay % 1000, 3).append('Z');
    }

    private static StringBuilder pad(StringBuilder out, long value, int digits) {
        for (long limit = 10; digits > 1; digits--, limit *= 10) {
            if (value < limit) {
                out.append('0');
            }
        }
        return out.append(value);
    }

    /** {@code unscaled / 10^scale} with exactly {@code scale} fraction digits. */
    static void appendDecimal(StringBuilder out, long unscaled, int scale) {
        long factor = 1;
        for (int i = 0; i < scale; i++) {
            factor *= 10;
        }
        if (unscaled < 0) {
            out.append('-');
        }
        out.append(Math.abs(unscaled / factor));
        if (scale > 0) {
            pad(out.append('.'), Math.abs(unscaled % factor), scale);
        }
    }

    /**
     * The level in the names log tools know (SLF4J's), whichever API logged: SEVERE is ERROR, WARNING is WARN,
     * CONFIG and FINE are DEBUG, FINER and FINEST are TRACE.
     */
    static String level(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        } else if (value >= Level.WARNING.intValue()) {
            return "WARN";
        } else if (value >= Level.INFO.intValue()) {
            return "INFO";
        } else if (value >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }

    /** The record's structured fields, when they are its only parameter. */
    static LogFields fields(LogRecord record) {
        Object[] parameters = record.getParameters();
        return parameters != null && parameters.length == 1 && parameters[0] instanceof LogFields fields
                ? fields : null;
    }

    /**
     * Whether the record is formatted on the thread that logged it, as Wharf's handler does: only then do the
     * current thread's name and span belong to the record (a queueing handler formats elsewhere).
     */
    static boolean onLoggingThread(LogRecord record) {
        return Thread.currentThread().threadId() == record.getLongThreadID();
    }

    /** The span current where the record is logged, if it is formatted there and the span is valid; else null. */
    static SpanContext span(boolean onLoggingThread) {
        if (!onLoggingThread) {
            return null;
        }
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span : null;
    }

    /** The logging thread's name; its id where it has none (request handlers run on unnamed virtual threads). */
    static String thread(LogRecord record, boolean onLoggingThread) {
        String name = onLoggingThread ? Thread.currentThread().getName() : "";
        return name.isEmpty() ? "#" + record.getLongThreadID() : name;
    }

    static String stackTrace(Throwable thrown) {
        StringWriter trace = new StringWriter(1024);
        try (PrintWriter writer = new PrintWriter(trace)) {
            thrown.printStackTrace(writer);
        }
        return trace.toString();
    }

    static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
