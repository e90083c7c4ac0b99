package io.wharf.bootstrap;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.BatchCallback;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.wharf.domain.event.DeliveryAttempt;
import io.wharf.domain.port.DeliveryObserver;
import io.wharf.domain.port.EventOutbox.EndpointStatus;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Notification metrics through OpenTelemetry: events sent per endpoint and outcome, how long requests
 * took, and, read from the outbox whenever metrics are collected, how many events wait and how many
 * dead letters there are. The counts of the outbox are every instance's, the others this instance's.
 */
final class OpenTelemetryDeliveryObserver implements DeliveryObserver, AutoCloseable {
    static final String INSTRUMENTATION = "io.wharf.notifications";
    static final String EVENTS = "wharf.notifications.events";
    static final String DURATION = "wharf.notifications.delivery.duration";
    static final String PENDING = "wharf.notifications.pending";
    static final String DEAD_LETTERS = "wharf.notifications.dead_letters";
    static final AttributeKey<String> ENDPOINT = AttributeKey.stringKey("wharf.notifications.endpoint");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("wharf.notifications.outcome");
    private static final System.Logger LOG = System.getLogger(OpenTelemetryDeliveryObserver.class.getName());

    private final LongCounter events;
    private final DoubleHistogram duration;
    private final BatchCallback outboxGauges;

    OpenTelemetryDeliveryObserver(OpenTelemetry openTelemetry, Supplier<List<EndpointStatus>> status) {
        Meter meter = openTelemetry.getMeter(INSTRUMENTATION);
        this.events = meter.counterBuilder(EVENTS).setUnit("{event}")
                .setDescription("Events sent to notification endpoints, by outcome of the request that carried them")
                .build();
        this.duration = meter.histogramBuilder(DURATION).setUnit("s")
                .setDescription("Duration of requests to notification endpoints")
                .setExplicitBucketBoundariesAdvice(DurationBuckets.CALLS)
                .build();
        ObservableLongMeasurement pending = meter.gaugeBuilder(PENDING).ofLongs().setUnit("{event}")
                .setDescription("Events recorded that an endpoint has not taken yet").buildObserver();
        ObservableLongMeasurement dead = meter.gaugeBuilder(DEAD_LETTERS).ofLongs().setUnit("{event}")
                .setDescription("Events an endpoint gave up on, waiting to be replayed").buildObserver();
        this.outboxGauges = meter.batchCallback(() -> {
            try {
                for (EndpointStatus s : status.get()) {
                    Attributes endpoint = Attributes.of(ENDPOINT, s.endpoint());
                    pending.record(s.pending(), endpoint);
                    dead.record(s.deadLetters(), endpoint);
                }
            } catch (RuntimeException e) {
                // no figures this time: the catalog may be away for a moment
                LOG.log(Level.DEBUG, "reading the notification outbox for metrics failed", e);
            }
        }, pending, dead);
    }

    @Override
    public void observe(DeliveryAttempt attempt) {
        Attributes attributes = Attributes.of(ENDPOINT, attempt.endpoint(),
                OUTCOME, attempt.outcome().name().toLowerCase(Locale.ROOT));
        events.add(attempt.outcome() == DeliveryAttempt.Outcome.DEAD_LETTERED ? 1 : attempt.events(), attributes);
        duration.record(attempt.took().toNanos() / 1e9, attributes);
    }

    @Override
    public void close() {
        outboxGauges.close();
    }
}
