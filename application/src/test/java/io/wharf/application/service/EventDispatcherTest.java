package io.wharf.application.service;

import io.wharf.domain.event.Action;
import io.wharf.domain.event.DeliveryAttempt;
import io.wharf.domain.event.DeliveryAttempt.Outcome;
import io.wharf.domain.event.DeliveryPolicy;
import io.wharf.domain.event.Origin;
import io.wharf.domain.event.RegistryEvent;
import io.wharf.domain.event.Source;
import io.wharf.domain.event.Target;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.port.DeliveryObserver;
import io.wharf.domain.port.EventEndpoint;
import io.wharf.domain.port.EventOutbox;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dispatcher's decisions against an outbox kept in memory and an endpoint that answers as scripted. */
class EventDispatcherTest {
    private static final Instant START = Instant.parse("2026-12-07T03:00:00Z");
    private static final RepositoryName REPO = RepositoryName.of("team/app");

    private final MutableClock clock = new MutableClock(START);
    private final MemoryOutbox outbox = new MemoryOutbox();
    private final ScriptedEndpoint endpoint = new ScriptedEndpoint(new DeliveryPolicy(Set.of(Action.PULL), Set.of(),
            3, 4, Duration.ofSeconds(1), Duration.ofSeconds(10)));
    private final List<DeliveryAttempt> attempts = new ArrayList<>();
    private final EventDispatcher dispatcher = new EventDispatcher(outbox, endpoint, attempts::add, clock,
            () -> 0.999999);

    private static RegistryEvent event(Action action, String name) {
        return new RegistryEvent(UUID.randomUUID(), START, action,
                Target.blob(REPO, Digest.sha256(name.getBytes(StandardCharsets.UTF_8)), OptionalLong.of(1)),
                Origin.internal("test"), new Source("127.0.0.1:5000", "i"));
    }

    @Test
    void sendsInBatchesInOrderAndPassesOverUnwantedEvents() {
        RegistryEvent a = outbox.add(event(Action.PUSH, "a"));
        outbox.add(event(Action.PULL, "pulled"));
        RegistryEvent b = outbox.add(event(Action.PUSH, "b"));
        RegistryEvent c = outbox.add(event(Action.DELETE, "c"));
        RegistryEvent d = outbox.add(event(Action.MOUNT, "d"));
        while (dispatcher.deliverOnce()) {
            // until the endpoint is idle
        }
        assertEquals(List.of(List.of(a, b), List.of(c, d)), endpoint.requests, "pulls are not wanted by this endpoint");
        assertEquals(5, outbox.position);
    }

    @Test
    void afterAFailureEventsGoOneAtATimeWithGrowingJitteredBackoff() {
        RegistryEvent a = outbox.add(event(Action.PUSH, "a"));
        RegistryEvent b = outbox.add(event(Action.PUSH, "b"));
        endpoint.failNext(2);
        assertFalse(dispatcher.deliverOnce());
        assertEquals(START.plusMillis(999), outbox.nextAttempt, "first backoff: 1 s, jitter keeps half to all of it");
        assertFalse(dispatcher.deliverOnce(), "not due yet");
        assertEquals(1, endpoint.requests.size());
        clock.now = outbox.nextAttempt;
        assertFalse(dispatcher.deliverOnce());
        assertEquals(List.of(a), endpoint.requests.getLast(), "after a failure, only the first event is sent");
        assertEquals(clock.now.plusMillis(1999), outbox.nextAttempt, "second backoff: 2 s");
        clock.now = outbox.nextAttempt;
        assertTrue(dispatcher.deliverOnce());
        assertEquals(List.of(a), endpoint.requests.getLast());
        assertTrue(dispatcher.deliverOnce());
        assertEquals(List.of(b), endpoint.requests.getLast());
        assertEquals(0, outbox.dead.size());
    }

    @Test
    void theFirstEventIsDeadLetteredAfterTheMaximumAttemptsAndTheRestGoOn() {
        RegistryEvent poison = outbox.add(event(Action.PUSH, "poison"));
        RegistryEvent next = outbox.add(event(Action.PUSH, "next"));
        endpoint.failNext(4);
        for (int i = 0; i < 4; i++) {
            clock.now = outbox.nextAttempt == null ? clock.now : outbox.nextAttempt;
            dispatcher.deliverOnce();
        }
        assertEquals(List.of(poison), outbox.dead);
        assertTrue(dispatcher.deliverOnce());
        assertEquals(List.of(next), endpoint.requests.getLast());
        assertEquals(2, outbox.position);
        assertEquals(List.of(Outcome.RETRYING, Outcome.RETRYING, Outcome.RETRYING, Outcome.DEAD_LETTERED,
                Outcome.DELIVERED), attempts.stream().map(DeliveryAttempt::outcome).toList());
        assertEquals(List.of(2, 1, 1, 1, 1), attempts.stream().map(DeliveryAttempt::events).toList(),
                "the events each request carried: the batch, then one at a time");
    }

    @Test
    void backoffIsCappedAndNeverZero() {
        EventDispatcher lowJitter = new EventDispatcher(outbox, endpoint, DeliveryObserver.NONE, clock, () -> 0.0);
        assertEquals(Duration.ofMillis(500), lowJitter.backoff(1));
        assertEquals(Duration.ofSeconds(5), lowJitter.backoff(30), "capped at 10 s, then jitter halves it at most");
        assertEquals(Duration.ofMillis(9999), dispatcher.backoff(200));
    }

    /** The outbox's contract in memory: a position, failed attempts and a next attempt time for one endpoint. */
    private static final class MemoryOutbox implements EventOutbox {
        final List<RegistryEvent> events = new ArrayList<>();
        final List<RegistryEvent> dead = new ArrayList<>();
        long position;
        int failed;
        Instant nextAttempt;

        RegistryEvent add(RegistryEvent event) {
            events.add(event);
            return event;
        }

        @Override
        public void record(RegistryEvent event) {
            add(event);
        }

        @Override
        public void registerEndpoints(Set<String> endpoints) {
        }

        @Override
        public int pruneDelivered(int limit) {
            return 0;
        }

        @Override
        public List<EndpointStatus> status() {
            return List.of();
        }

        @Override
        public List<DeadLetter> deadLetters(java.util.Optional<String> endpoint, int limit) {
            return List.of();
        }

        @Override
        public int replay(String endpoint, java.util.Optional<UUID> eventId) {
            return 0;
        }

        @Override
        public Round deliverNext(String endpoint, int limit, Instant now, Function<Batch, Decision> deliver) {
            if (nextAttempt != null && nextAttempt.isAfter(now)) {
                return new Round.Idle();
            }
            List<Pending> pending = new ArrayList<>();
            for (int i = (int) position; i < events.size() && pending.size() < limit; i++) {
                pending.add(new Pending(i + 1, events.get(i)));
            }
            if (pending.isEmpty()) {
                return new Round.Idle();
            }
            Decision decision = deliver.apply(new Batch(pending, failed));
            switch (decision) {
                case Decision.Advance a -> {
                    position = a.sequence();
                    failed = 0;
                    nextAttempt = null;
                }
                case Decision.Retry r -> {
                    failed++;
                    nextAttempt = r.at();
                }
                case Decision.DeadLetter d -> {
                    dead.add(pending.getFirst().event());
                    position = pending.getFirst().sequence();
                    failed = 0;
                    nextAttempt = null;
                }
            }
            return new Round.Done(decision);
        }
    }

    private static final class ScriptedEndpoint implements EventEndpoint {
        final List<List<RegistryEvent>> requests = new ArrayList<>();
        private final Deque<Boolean> failures = new ArrayDeque<>();
        private final DeliveryPolicy policy;

        ScriptedEndpoint(DeliveryPolicy policy) {
            this.policy = policy;
        }

        void failNext(int times) {
            for (int i = 0; i < times; i++) {
                failures.add(true);
            }
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public DeliveryPolicy policy() {
            return policy;
        }

        @Override
        public Delivery send(List<RegistryEvent> events) {
            requests.add(List.copyOf(events));
            return failures.isEmpty() || !failures.poll()
                    ? new Delivery.Delivered(Duration.ZERO)
                    : new Delivery.Failed("HTTP 503", Duration.ZERO);
        }
    }
}
