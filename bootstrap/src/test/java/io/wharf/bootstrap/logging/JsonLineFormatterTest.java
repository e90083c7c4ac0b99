package io.wharf.bootstrap.logging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.wharf.domain.json.JsonReader;
import io.wharf.http.CompletedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonLineFormatterTest {
    private final JsonLineFormatter formatter = new JsonLineFormatter();
    private final SdkTracerProvider tracing = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create())).build();

    @AfterEach
    void stopTracing() {
        tracing.close();
    }

    /** Formats the record and checks it is one line holding one JSON object. */
    private Map<?, ?> line(LogRecord record) {
        String line = formatter.format(record);
        assertTrue(line.endsWith("\n"), line);
        assertEquals(line.length() - 1, line.indexOf('\n'), () -> "more than one line: " + line);
        return (Map<?, ?>) JsonReader.parse(line.substring(0, line.length() - 1));
    }

    private static LogRecord record(Level level, String message, Object... parameters) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("io.wharf.test");
        record.setParameters(parameters.length == 0 ? null : parameters);
        return record;
    }

    @Test
    void everyStringIsEscapedSoTheLineStaysOneJsonObject() {
        String nasty = "quote \" backslash \\ newline \n return \r tab \t bell \u0007 nul \u0000 unit \u001f "
                + "é ü 日本 😀 </script>";
        LogRecord record = record(Level.INFO, nasty);
        record.setLoggerName("logger \"with\" \\ odd\nname");
        Map<?, ?> line = line(record);
        assertEquals(nasty, line.get("message"));
        assertEquals("logger \"with\" \\ odd\nname", line.get("logger"));
    }

    @Test
    void theMessageIsFormattedWithTheRecordsParametersAsJavaUtilLoggingDoes() {
        assertEquals("pushed library/alpine:3 in 12 ms",
                line(record(Level.INFO, "pushed {0}:{1} in {2} ms", "library/alpine", "3", 12)).get("message"));
        assertEquals("no pattern {x}", line(record(Level.INFO, "no pattern {x}", "unused")).get("message"));
        assertEquals("", line(record(Level.INFO, null)).get("message"));
    }

    @Test
    void theBasicFieldsAreThereWithLevelsInTheNamesLogToolsKnow() {
        LogRecord record = record(Level.WARNING, "careful");
        record.setInstant(Instant.parse("2026-01-02T03:04:05.006789Z"));
        Map<?, ?> line = line(record);
        assertEquals("2026-01-02T03:04:05.006Z", line.get("time"));
        assertEquals("WARN", line.get("level"));
        assertEquals("io.wharf.test", line.get("logger"));
        assertEquals(Thread.currentThread().getName(), line.get("thread"));
        assertEquals(List.of("time", "level", "logger", "message", "thread"), List.copyOf(line.keySet()));
        assertEquals("ERROR", line(record(Level.SEVERE, "x")).get("level"));
        assertEquals("INFO", line(record(Level.INFO, "x")).get("level"));
        assertEquals("DEBUG", line(record(Level.CONFIG, "x")).get("level"));
        assertEquals("DEBUG", line(record(Level.FINE, "x")).get("level"));
        assertEquals("TRACE", line(record(Level.FINER, "x")).get("level"));
        assertEquals("TRACE", line(record(Level.FINEST, "x")).get("level"));
    }

    @Test
    void theTimeIsUtcToTheMillisecondWithThreeDigitsAlways() {
        DateTimeFormatter expected = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
        List<Instant> instants = new java.util.ArrayList<>(List.of(Instant.EPOCH, Instant.parse("1999-12-31T23:59:59.999Z"),
                Instant.parse("2024-02-29T12:00:00Z"), Instant.parse("2026-11-03T10:15:30.120Z"),
                Instant.parse("1969-12-31T23:59:59.001Z")));
        for (int i = 0; i < 1000; i++) {
            instants.add(Instant.ofEpochMilli(ThreadLocalRandom.current().nextLong(0, 253_402_300_799_999L)));
        }
        for (Instant instant : instants) {
            StringBuilder time = new StringBuilder();
            RecordParts.appendTime(time, instant);
            assertEquals(expected.format(instant), time.toString());
        }
    }

    @Test
    void aThrowableGivesItsClassAndMessageAndTheWholeStackTraceInOneField() {
        LogRecord record = record(Level.SEVERE, "closing the catalog failed");
        record.setThrown(new IllegalStateException("pool \"wharf\" closed",
                new UncheckedIOException(new IOException("disk full"))));
        Map<?, ?> line = line(record);
        assertEquals("java.lang.IllegalStateException: pool \"wharf\" closed", line.get("error"));
        String trace = (String) line.get("stack_trace");
        assertTrue(trace.startsWith("java.lang.IllegalStateException: pool \"wharf\" closed\n\tat "), trace);
        assertTrue(trace.contains(getClass().getName() + ".aThrowableGivesItsClassAndMessage"), trace);
        assertTrue(trace.contains("Caused by: java.io.UncheckedIOException: java.io.IOException: disk full"), trace);
        assertTrue(trace.contains("Caused by: java.io.IOException: disk full"), trace);
        assertFalse(line(record(Level.SEVERE, "no throwable")).containsKey("error"));
    }

    @Test
    void aRecordLoggedInsideASpanCarriesItsTraceAndSpanIds() {
        Span span = tracing.get("test").spanBuilder("GET /v2/").startSpan();
        Map<?, ?> line;
        try (Scope ignored = span.makeCurrent()) {
            line = line(record(Level.INFO, "inside"));
        } finally {
            span.end();
        }
        assertEquals(span.getSpanContext().getTraceId(), line.get("trace_id"));
        assertEquals(span.getSpanContext().getSpanId(), line.get("span_id"));
        assertTrue(((String) line.get("trace_id")).matches("[0-9a-f]{32}"), line.toString());
        assertTrue(((String) line.get("span_id")).matches("[0-9a-f]{16}"), line.toString());

        Map<?, ?> outside = line(record(Level.INFO, "outside"));
        assertFalse(outside.containsKey("trace_id") || outside.containsKey("span_id"), outside.toString());
    }

    @Test
    void aRecordFormattedOffItsLoggingThreadClaimsNeitherThisThreadsNameNorItsSpan() throws InterruptedException {
        AtomicReference<LogRecord> logged = new AtomicReference<>();
        Thread other = Thread.ofPlatform().name("elsewhere").start(() -> logged.set(record(Level.INFO, "queued")));
        other.join();
        Span span = tracing.get("test").spanBuilder("unrelated").startSpan();
        Map<?, ?> line;
        try (Scope ignored = span.makeCurrent()) {
            line = line(logged.get());
        } finally {
            span.end();
        }
        assertEquals("#" + other.threadId(), line.get("thread"));
        assertFalse(line.containsKey("trace_id"), line.toString());
    }

    @Test
    void anAccessRecordsFactsAreTopLevelFields() {
        CompletedRequest request = new CompletedRequest("PUT", "/v2/{name}/manifests/{reference}", 201, 1234, 0,
                Duration.ofNanos(3_456_789), "alice", "10.0.0.7");
        Map<?, ?> line = line(record(Level.INFO, "{0}", new AccessLine(request)));
        assertEquals("PUT /v2/{name}/manifests/{reference} 201", line.get("message"));
        assertEquals("PUT", line.get("method"));
        assertEquals("/v2/{name}/manifests/{reference}", line.get("route"));
        assertEquals(201L, line.get("status"));
        assertEquals(1234L, line.get("bytes_in"));
        assertEquals(0L, line.get("bytes_out"));
        assertEquals(3.456, line.get("duration_ms"));
        assertEquals("alice", line.get("user"));
        assertEquals("10.0.0.7", line.get("client"));

        Map<?, ?> fast = line(record(Level.INFO, "{0}", new AccessLine(new CompletedRequest("GET", "", 404, 0, 97,
                Duration.ofNanos(14_000), "", "::1"))));
        assertEquals(0.014, fast.get("duration_ms"));
        assertEquals("", fast.get("route"));
        assertEquals("GET (no route) 404", fast.get("message"));
    }

    @Test
    void decimalsHaveExactlyTheirScaleInFractionDigits() {
        for (Object[] c : new Object[][] {{0L, 3, "0.000"}, {14L, 3, "0.014"}, {3456L, 3, "3.456"},
                {120_000L, 3, "120.000"}, {-5L, 3, "-0.005"}, {7L, 0, "7"}}) {
            StringBuilder out = new StringBuilder();
            RecordParts.appendDecimal(out, (Long) c[0], (Integer) c[1]);
            assertEquals(c[2], out.toString());
        }
    }
}
