package io.wharf.bootstrap;

import io.opentelemetry.api.OpenTelemetry;
import io.wharf.application.service.EventDispatcher;
import io.wharf.application.service.EventRecorder;
import io.wharf.bootstrap.config.AdapterCatalogue;
import io.wharf.bootstrap.config.ConfigException;
import io.wharf.bootstrap.config.WharfConfig;
import io.wharf.bootstrap.tracing.TracedEventEndpoint;
import io.wharf.domain.event.Action;
import io.wharf.domain.event.Source;
import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.EventEndpoint;
import io.wharf.domain.port.EventOutbox;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The configured notification endpoints: what the use cases record for them, and one dispatcher
 * thread per endpoint that delivers from the outbox. Every instance runs dispatchers; the outbox lets
 * one of them at a time deliver to an endpoint.
 */
final class Notifications implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Notifications.class.getName());
    /** How often an idle dispatcher looks for new events; a busy one goes on without waiting. */
    private static final long POLL_MILLIS = 200;
    /** Delivered events are deleted this often, this many at a time, so the table stays small. */
    private static final long PRUNE_SECONDS = 60;
    private static final int PRUNE_BATCH = 10_000;

    private final EventRecorder recorder;
    private final List<EventDispatcher> dispatchers;
    private final EventOutbox outbox;
    private final OpenTelemetryDeliveryObserver metrics;
    private final ScheduledExecutorService threads;

    private Notifications(EventRecorder recorder, List<EventDispatcher> dispatchers, EventOutbox outbox,
                          OpenTelemetryDeliveryObserver metrics) {
        this.recorder = recorder;
        this.dispatchers = dispatchers;
        this.outbox = outbox;
        this.metrics = metrics;
        this.threads = dispatchers.isEmpty() ? null : Executors.newScheduledThreadPool(dispatchers.size() + 1,
                Thread.ofPlatform().name("wharf-notify-", 0).daemon().factory());
    }

    static Notifications configure(WharfConfig config, AdapterCatalogue adapters, EventOutbox outbox, Clock clock,
                                   OpenTelemetry openTelemetry) {
        AdapterSettings settings = config.notificationSettings();
        List<EventEndpoint> endpoints = settings.values().isEmpty() ? List.of() : adapters.endpoints()
                .orElseThrow(() -> new ConfigException("notifications.endpoints",
                        "is set, but this installation ships no notification adapter"))
                .create(settings)
                .stream()
                .<EventEndpoint>map(endpoint -> new TracedEventEndpoint(endpoint, openTelemetry))
                .toList();
        Set<Action> wanted = EnumSet.noneOf(Action.class);
        for (EventEndpoint endpoint : endpoints) {
            for (Action action : Action.values()) {
                if (!endpoint.policy().ignoredActions().contains(action)) {
                    wanted.add(action);
                }
            }
        }
        outbox.registerEndpoints(endpoints.stream().map(EventEndpoint::name).collect(Collectors.toSet()));
        EventRecorder recorder = new EventRecorder(wanted, new Source(hostName() + ":" + config.port(),
                UUID.randomUUID().toString()), clock, UUID::randomUUID, outbox);
        OpenTelemetryDeliveryObserver metrics = new OpenTelemetryDeliveryObserver(openTelemetry,
                endpoints.isEmpty() ? List::of : outbox::status);
        List<EventDispatcher> dispatchers = endpoints.stream()
                .map(e -> new EventDispatcher(outbox, e, metrics, clock, () -> ThreadLocalRandom.current().nextDouble()))
                .toList();
        return new Notifications(recorder, dispatchers, outbox, metrics);
    }

    EventRecorder recorder() {
        return recorder;
    }

    void start() {
        for (EventDispatcher dispatcher : dispatchers) {
            threads.scheduleWithFixedDelay(() -> deliverWhileBusy(dispatcher), 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
        if (!dispatchers.isEmpty()) {
            threads.scheduleWithFixedDelay(this::prune, PRUNE_SECONDS, PRUNE_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void prune() {
        try {
            while (outbox.pruneDelivered(PRUNE_BATCH) == PRUNE_BATCH) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "pruning delivered events failed; will retry", e);
        }
    }

    String summary() {
        return dispatchers.isEmpty() ? "no notification endpoints"
                : "notifications to " + dispatchers.stream().map(EventDispatcher::endpoint).toList();
    }

    private static void deliverWhileBusy(EventDispatcher dispatcher) {
        try {
            while (dispatcher.deliverOnce()) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            // The database may be away for a moment; the events wait in the outbox for the next poll.
            LOG.log(Level.WARNING, "delivering events to " + dispatcher.endpoint() + " failed; will retry", e);
        }
    }

    /** What distribution's {@code source.addr} names: the machine, so receivers can tell instances apart. */
    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Stops delivering: an interrupted delivery rolls back, and its events go out again later (at least once). */
    @Override
    public void close() {
        metrics.close();
        if (threads == null) {
            return;
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
