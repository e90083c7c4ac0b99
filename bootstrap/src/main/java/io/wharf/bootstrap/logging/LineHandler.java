package io.wharf.bootstrap.logging;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Writes each record as one line to a stream, flushed at once so a crash loses nothing and a collector
 * sees lines as they happen. Unlike {@link java.util.logging.StreamHandler} it formats outside any lock
 * (request threads log in parallel; only the write is serialised, by the stream) and writes UTF-8 bytes
 * whatever the platform's console encoding.
 */
final class LineHandler extends Handler {
    private final PrintStream out;

    LineHandler(PrintStream out, Formatter formatter) {
        this.out = out;
        setFormatter(formatter);
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        byte[] line;
        try {
            line = getFormatter().format(record).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            reportError("a log record could not be formatted", e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        // PrintStream writes the whole array under its lock, so lines of parallel threads never interleave
        out.write(line, 0, line.length);
        out.flush();
    }

    @Override
    public void flush() {
        out.flush();
    }

    /** Flushes only: the stream is the process's stderr, which outlives the handler. */
    @Override
    public void close() {
        out.flush();
    }
}
