package io.wharf.auth.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The parsed content of a configuration file, parsed again when the file changes. The check runs
 * on the request path, so it happens at most once per {@link #CHECK_INTERVAL} and only one caller
 * does it; the others go on with the content they have. A new version that does not parse is
 * logged and the last good one stays in use: a half-edited file must not lock everybody out.
 *
 * @param <T> the parsed content
 */
public final class ReloadingFile<T> {
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private final WatchedFile file;
    private final Function<byte[], T> parser;
    private final LongSupplier nanoTime;
    private final System.Logger log;
    private final AtomicLong nextCheck;
    private volatile T current;

    /**
     * Reads and parses the file now.
     *
     * @param parser throws {@link IllegalArgumentException} with a message fit for the log (it names
     *               the file and the line, never a secret)
     * @throws IllegalArgumentException when the file does not parse
     * @throws UncheckedIOException     when it cannot be read
     */
    public ReloadingFile(Path path, Function<byte[], T> parser, LongSupplier nanoTime, System.Logger log) {
        this.file = new WatchedFile(path);
        this.parser = Objects.requireNonNull(parser, "parser");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.log = Objects.requireNonNull(log, "log");
        try {
            this.current = parser.apply(file.read());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        this.nextCheck = new AtomicLong(nanoTime.getAsLong() + CHECK_INTERVAL.toNanos());
    }

    public Path path() {
        return file.path();
    }

    /** The content of the newest version of the file that parsed. */
    public T current() {
        long now = nanoTime.getAsLong();
        long due = nextCheck.get();
        if (now - due >= 0 && nextCheck.compareAndSet(due, now + CHECK_INTERVAL.toNanos())) {
            refresh();
        }
        return current;
    }

    private void refresh() {
        if (!file.changed()) {
            return;
        }
        try {
            // read() remembers this version even when it does not parse, so a broken file is
            // reported once per change rather than every second
            current = parser.apply(file.read());
            log.log(System.Logger.Level.INFO, "{0} changed, now in use", file.path());
        } catch (IllegalArgumentException e) {
            log.log(System.Logger.Level.WARNING, "{0}; the version read before stays in use", e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            log.log(System.Logger.Level.WARNING, "{0} changed but cannot be read ({1}); the version read before stays in use",
                    file.path(), e.getMessage());
        }
    }
}
