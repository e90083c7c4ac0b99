package io.wharf.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** What the file tests share: a clock they move by hand, a logger they read, and atomic file replacement. */
final class FileFixtures {
    private FileFixtures() {
    }

    /** Writes {@code content} next to {@code file} and moves it into place, as configuration tools do. */
    static void replace(Path file, String content) {
        try {
            Path next = Files.createTempFile(file.getParent(), "next", ".tmp");
            Files.writeString(next, content, StandardCharsets.UTF_8);
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = FileFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A nanosecond clock that moves only when told. */
    static final class ManualClock implements LongSupplier {
        private final AtomicLong nanos = new AtomicLong(42);

        @Override
        public long getAsLong() {
            return nanos.get();
        }

        void advanceMillis(long millis) {
            nanos.addAndGet(millis * 1_000_000);
        }
    }

    /** One formatted log message. */
    record Logged(System.Logger.Level level, String message) {
    }

    /** A System.Logger that keeps what it is given. */
    static final class RecordingLogger implements System.Logger {
        final List<Logged> records = new CopyOnWriteArrayList<>();

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            records.add(new Logged(level, msg));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            records.add(new Logged(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params)));
        }

        List<String> at(Level level) {
            return records.stream().filter(r -> r.level() == level).map(Logged::message).toList();
        }
    }
}
