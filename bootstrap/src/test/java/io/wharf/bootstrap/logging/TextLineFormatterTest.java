package io.wharf.bootstrap.logging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.wharf.http.CompletedRequest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextLineFormatterTest {
    private final TextLineFormatter formatter = new TextLineFormatter();

    private static LogRecord record(Level level, String message, Object... parameters) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("io.wharf.bootstrap.Registry");
        record.setInstant(Instant.parse("2026-11-03T10:15:30.120Z"));
        record.setParameters(parameters);
        return record;
    }

    @Test
    void aLineReadsTimeLevelThreadLoggerAndMessage() {
        assertEquals("2026-11-03T10:15:30.120Z INFO  [" + Thread.currentThread().getName()
                        + "] io.wharf.bootstrap.Registry: Wharf listening on 127.0.0.1:5000\n",
                formatter.format(record(Level.INFO, "Wharf listening on {0}:{1,number,#}", "127.0.0.1", 5000)));
        assertTrue(formatter.format(record(Level.SEVERE, "x")).startsWith("2026-11-03T10:15:30.120Z ERROR ["));
    }

    @Test
    void anAccessRecordIsOneReadableSentence() {
        CompletedRequest request = new CompletedRequest("GET", "/v2/{name}/blobs/{digest}", 200, 0, 52_428_800,
                Duration.ofMillis(1500), "", "127.0.0.1");
        String line = formatter.format(record(Level.INFO, "{0}", new AccessLine(request)));
        assertTrue(line.endsWith("] io.wharf.bootstrap.Registry: GET /v2/{name}/blobs/{digest} 200 in 1500.000 ms, "
                + "0 B in, 52428800 B out, anonymous, client 127.0.0.1\n"), line);
        // any other formatter prints the same sentence through the "{0}" message
        assertTrue(new SimpleFormatter().format(record(Level.INFO, "{0}", new AccessLine(request)))
                .contains("GET /v2/{name}/blobs/{digest} 200 in 1500.000 ms"));
    }

    @Test
    void traceIdsFollowTheMessageAndAStackTraceTheLine() {
        try (SdkTracerProvider tracing = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create())).build()) {
            Span span = tracing.get("test").spanBuilder("x").startSpan();
            LogRecord record = record(Level.WARNING, "upload expiry failed; will retry");
            record.setThrown(new IOException("disk full"));
            String text;
            try (Scope ignored = span.makeCurrent()) {
                text = formatter.format(record);
            } finally {
                span.end();
            }
            assertTrue(text.contains("WARN  [") && text.contains(": upload expiry failed; will retry trace_id="
                    + span.getSpanContext().getTraceId() + " span_id=" + span.getSpanContext().getSpanId()
                    + "\njava.io.IOException: disk full\n\tat "), text);
        }
    }
}
