package io.wharf.application.service;

import io.wharf.domain.event.DeliveryAttempt;
import io.wharf.domain.event.DeliveryPolicy;
import io.wharf.domain.event.RegistryEvent;
import io.wharf.domain.port.DeliveryObserver;
import io.wharf.domain.port.EventEndpoint;
import io.wharf.domain.port.EventEndpoint.Delivery;
import io.wharf.domain.port.EventOutbox;
import io.wharf.domain.port.EventOutbox.Batch;
import io.wharf.domain.port.EventOutbox.Decision;
import io.wharf.domain.port.EventOutbox.Pending;
import io.wharf.domain.port.EventOutbox.Round;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Delivers recorded events to one endpoint, in commit order, at least once: each round takes the next
 * events after the endpoint's position, sends those it wants, and moves the position only when the
 * receiver took them. A failure is retried with exponential backoff and jitter; after the policy's
 * maximum attempts the first event is set aside as dead, so one poisoned event cannot stop the rest.
 *
 * <p>After a failure events go one at a time until one gets through, so a receiver that refuses one
 * event of a batch sends only that one to the dead letters, not its neighbours.
 */
public final class EventDispatcher {
    private final EventOutbox outbox;
    private final EventEndpoint endpoint;
    private final DeliveryPolicy policy;
    private final DeliveryObserver observer;
    private final Clock clock;
    private final DoubleSupplier random;

    /** @param random numbers in [0, 1) for the jitter */
    public EventDispatcher(EventOutbox outbox, EventEndpoint endpoint, DeliveryObserver observer, Clock clock,
                           DoubleSupplier random) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.policy = endpoint.policy();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    public String endpoint() {
        return endpoint.name();
    }

    /**
     * One round; true when it moved the endpoint's position, so the caller goes on at once rather than
     * waiting for its next poll.
     */
    public boolean deliverOnce() {
        Round round = outbox.deliverNext(endpoint.name(), policy.batchSize(), clock.instant(), this::decide);
        return round instanceof Round.Done done && !(done.decision() instanceof Decision.Retry);
    }

    private Decision decide(Batch batch) {
        List<Pending> events = batch.events();
        int unwanted = 0;
        while (unwanted < events.size() && !policy.wants(events.get(unwanted).event())) {
            unwanted++;
        }
        if (unwanted > 0) {
            // Unwanted events ahead of the first wanted one are passed over on their own, so that a
            // dead letter always names an event the endpoint was actually sent.
            return new Decision.Advance(events.get(unwanted - 1).sequence(), 0);
        }
        List<Pending> sending = batch.failedAttempts() > 0 ? events.subList(0, 1) : wantedPrefix(events);
        List<RegistryEvent> wanted = new ArrayList<>();
        for (Pending p : sending) {
            if (policy.wants(p.event())) {
                wanted.add(p.event());
            }
        }
        Delivery delivery = endpoint.send(wanted);
        Decision decision = switch (delivery) {
            case Delivery.Delivered d -> new Decision.Advance(sending.getLast().sequence(), wanted.size());
            case Delivery.Failed failed -> {
                int attempts = batch.failedAttempts() + 1;
                yield attempts >= policy.maxAttempts()
                        ? new Decision.DeadLetter(failed.reason())
                        : new Decision.Retry(clock.instant().plus(backoff(attempts)), failed.reason());
            }
        };
        observer.observe(new DeliveryAttempt(endpoint.name(), switch (decision) {
            case Decision.Advance a -> DeliveryAttempt.Outcome.DELIVERED;
            case Decision.Retry r -> DeliveryAttempt.Outcome.RETRYING;
            case Decision.DeadLetter d -> DeliveryAttempt.Outcome.DEAD_LETTERED;
        }, wanted.size(), delivery.took()));
        return decision;
    }

    /** The batch up to its last wanted event: unwanted ones after it wait for the next round. */
    private List<Pending> wantedPrefix(List<Pending> events) {
        int last = 0;
        for (int i = 0; i < events.size(); i++) {
            if (policy.wants(events.get(i).event())) {
                last = i;
            }
        }
        return events.subList(0, last + 1);
    }

    /**
     * The wait after the {@code attempts}-th failure: the policy's backoff doubled per earlier failure,
     * capped, then a random half to all of it, so instances and endpoints do not retry in step.
     */
    Duration backoff(int attempts) {
        long base = policy.backoff().toMillis();
        long cap = policy.maxBackoff().toMillis();
        long full = attempts >= 62 ? cap : Math.min(cap, base << Math.min(attempts - 1, 40));
        long jittered = (long) (full * (0.5 + random.getAsDouble() / 2));
        return Duration.ofMillis(Math.max(1, jittered));
    }
}
