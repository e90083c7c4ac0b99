package io.wharf.bootstrap.logging;

import io.wharf.http.CompletedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessLogTest {
    private static final CompletedRequest REQUEST = new CompletedRequest("HEAD", "/v2/{name}/manifests/{reference}",
            200, 0, 0, Duration.ofMillis(2), "bob", "127.0.0.1");

    private final Logger logger = Logger.getLogger(AccessLog.LOGGER);
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level level;

    @BeforeEach
    void capture() {
        level = logger.getLevel();
        logger.addHandler(capture);
    }

    @AfterEach
    void restore() {
        logger.removeHandler(capture);
        logger.setLevel(level);
    }

    @Test
    void eachRequestIsOneInfoRecordOnTheAccessLoggerWithTheRequestAsFields() {
        logger.setLevel(Level.INFO);
        new AccessLog().completed(REQUEST);
        assertEquals(1, records.size());
        LogRecord record = records.getFirst();
        assertEquals(Level.INFO, record.getLevel());
        assertEquals("io.wharf.access", record.getLoggerName());
        assertEquals(1, record.getParameters().length);
        AccessLine line = assertInstanceOf(AccessLine.class, record.getParameters()[0]);
        assertEquals(REQUEST, line.request());
        assertEquals(AccessLog.class.getName(), record.getSourceClassName(), "no stack walk to find the caller");
    }

    @Test
    void offMeansNothingIsMade() {
        logger.setLevel(Level.OFF);
        new AccessLog().completed(REQUEST);
        logger.setLevel(Level.WARNING);
        new AccessLog().completed(REQUEST);
        assertTrue(records.isEmpty(), records.toString());
        assertFalse(logger.isLoggable(Level.INFO));
    }
}
