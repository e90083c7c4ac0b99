package io.wharf.bootstrap.metrics;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.ObservableLongGauge;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * {@value #NAME}: the upload sessions open now. Several instances share one catalog, so the catalog is
 * the truth, not this instance's memory: every instance reports the same total (aggregate with
 * {@code max}, not {@code sum}). A reading is kept {@link #FRESH_FOR} so that frequent scrapes (several
 * Prometheus servers, plus an OTLP exporter) cost one count, and so that a catalog that hangs delays at
 * most one scrape in that time. A failed count leaves the gauge out of that scrape rather than failing it.
 */
public final class OpenUploadsGauge implements AutoCloseable {
    static final String INSTRUMENTATION = "io.wharf.uploads";
    static final String NAME = "wharf.uploads.open";
    static final Duration FRESH_FOR = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger(OpenUploadsGauge.class.getName());

    /** A count, or none when the catalog failed, and when it was taken. */
    private record Reading(OptionalLong count, Instant at) {
    }

    private final LongSupplier count;
    private final Clock clock;
    private final ObservableLongGauge gauge;
    private Reading last; // guarded by this
    private boolean failing; // guarded by this: log the first failure loudly, its repetitions quietly

    /** @param count the catalog's count of open sessions */
    public OpenUploadsGauge(OpenTelemetry openTelemetry, LongSupplier count, Clock clock) {
        this.count = count;
        this.clock = clock;
        this.gauge = openTelemetry.getMeter(INSTRUMENTATION)
                .gaugeBuilder(NAME).ofLongs().setUnit("{session}")
                .setDescription("Upload sessions open, across every instance sharing the catalog")
                .buildWithCallback(measurement -> current().ifPresent(measurement::record));
    }

    synchronized OptionalLong current() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(last.at().plus(FRESH_FOR))) {
            last = new Reading(read(), now);
        }
        return last.count();
    }

    private OptionalLong read() {
        try {
            OptionalLong read = OptionalLong.of(count.getAsLong());
            failing = false;
            return read;
        } catch (RuntimeException e) {
            LOG.log(failing ? Level.DEBUG : Level.WARNING,
                    "counting open upload sessions failed; " + NAME + " is left out until the catalog answers", e);
            failing = true;
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() {
        gauge.close();
    }
}
