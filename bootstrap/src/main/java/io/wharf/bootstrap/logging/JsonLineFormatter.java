package io.wharf.bootstrap.logging;

import io.opentelemetry.api.trace.SpanContext;
import io.wharf.domain.json.JsonWriter;

import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object a line: {@code time}, {@code level}, {@code logger}, {@code message}, {@code thread}, the
 * current span's {@code trace_id} and {@code span_id}, the fields of a {@link LogFields} parameter, and
 * {@code error} and {@code stack_trace} for a throwable. Written by hand into one buffer rather than through
 * a JSON library: the access log formats a line for every request, and bootstrap has no JSON library.
 */
public final class JsonLineFormatter extends Formatter {
    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(512); // an access line is about 400 characters
        line.append("{\"time\":\"");
        RecordParts.appendTime(line, record.getInstant());
        line.append("\",\"level\":\"").append(RecordParts.level(record.getLevel())).append('"');
        field(line, "logger", RecordParts.orEmpty(record.getLoggerName()));
        LogFields fields = RecordParts.fields(record);
        field(line, "message", fields != null ? fields.message() : RecordParts.orEmpty(formatMessage(record)));
        boolean onLoggingThread = RecordParts.onLoggingThread(record);
        field(line, "thread", RecordParts.thread(record, onLoggingThread));
        SpanContext span = RecordParts.span(onLoggingThread);
        if (span != null) {
            // lower-case hex by the W3C format: nothing to escape
            line.append(",\"trace_id\":\"").append(span.getTraceId())
                    .append("\",\"span_id\":\"").append(span.getSpanId()).append('"');
        }
        if (fields != null) {
            fields.writeTo(new JsonFields(line));
        }
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            field(line, "error", thrown.toString());
            field(line, "stack_trace", RecordParts.stackTrace(thrown));
        }
        return line.append("}\n").toString();
    }

    private static void field(StringBuilder line, String name, String value) {
        name(line, name);
        JsonWriter.appendString(line, value);
    }

    private static void name(StringBuilder line, String name) {
        line.append(',');
        JsonWriter.appendString(line, name);
        line.append(':');
    }

    /** A {@link LogFields} parameter's fields, written straight into the line. */
    private record JsonFields(StringBuilder line) implements LogFields.FieldWriter {
        @Override
        public void text(String name, String value) {
            field(line, name, value);
        }

        @Override
        public void number(String name, long value) {
            name(line, name);
            line.append(value);
        }

        @Override
        public void decimal(String name, long unscaled, int scale) {
            name(line, name);
            RecordParts.appendDecimal(line, unscaled, scale);
        }
    }
}
