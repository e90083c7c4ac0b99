package io.wharf.bootstrap.logging;

import io.opentelemetry.api.trace.SpanContext;

import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * A readable line for development ({@code log.format: text}):
 * {@code 2026-11-03T10:15:30.123Z INFO  [main] io.wharf.bootstrap.Registry: message trace_id=… span_id=…},
 * with a throwable's stack trace on the lines after it.
 */
public final class TextLineFormatter extends Formatter {
    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(200);
        RecordParts.appendTime(line, record.getInstant());
        String level = RecordParts.level(record.getLevel());
        line.append(' ').append(level).append(level.length() < 5 ? "  [" : " [");
        boolean onLoggingThread = RecordParts.onLoggingThread(record);
        line.append(RecordParts.thread(record, onLoggingThread)).append("] ")
                .append(RecordParts.orEmpty(record.getLoggerName())).append(": ");
        LogFields fields = RecordParts.fields(record);
        line.append(fields != null ? fields.text() : RecordParts.orEmpty(formatMessage(record)));
        SpanContext span = RecordParts.span(onLoggingThread);
        if (span != null) {
            line.append(" trace_id=").append(span.getTraceId()).append(" span_id=").append(span.getSpanId());
        }
        line.append('\n');
        if (record.getThrown() != null) {
            line.append(RecordParts.stackTrace(record.getThrown()));
        }
        return line.toString();
    }
}
