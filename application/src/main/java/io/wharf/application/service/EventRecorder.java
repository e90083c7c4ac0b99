package io.wharf.application.service;

import io.wharf.domain.event.Action;
import io.wharf.domain.event.Origin;
import io.wharf.domain.event.RegistryEvent;
import io.wharf.domain.event.Source;
import io.wharf.domain.event.Target;
import io.wharf.domain.port.EventOutbox;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Makes the events the use cases record, for the actions at least one endpoint wants: with no
 * endpoint configured nothing is recorded, and pulls, which are many, only when an endpoint takes them.
 * Events that go with a catalog change are handed to the catalog write ({@link #eventsFor}); a pull,
 * which changes nothing, is recorded on its own ({@link #recordAlone}).
 */
public final class EventRecorder {
    private final Set<Action> wanted;
    private final Source source;
    private final Clock clock;
    private final Supplier<UUID> ids;
    private final EventOutbox outbox;

    public EventRecorder(Set<Action> wanted, Source source, Clock clock, Supplier<UUID> ids, EventOutbox outbox) {
        this.wanted = wanted.isEmpty() ? Set.of() : EnumSet.copyOf(wanted);
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    /** The event to record with the change, or none when no endpoint wants the action. */
    List<RegistryEvent> eventsFor(Action action, Target target, Origin origin) {
        if (!wanted.contains(action)) {
            return List.of();
        }
        return List.of(new RegistryEvent(ids.get(), clock.instant(), action, target, origin, source));
    }

    /** Records an event that goes with no catalog change. */
    void recordAlone(Action action, Target target, Origin origin) {
        eventsFor(action, target, origin).forEach(outbox::record);
    }
}
