package io.wharf.domain.port;

import io.wharf.domain.event.RegistryEvent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.Set;
import java.util.function.Function;

/**
 * Where events wait for delivery. The catalog records an event in the same transaction as the change
 * that caused it (see the {@code events} parameters of {@link BlobIndex} and {@link ManifestIndex}),
 * so an acknowledged change always has its event and a failed one never does. Events are numbered in
 * commit order; each endpoint has a position in that order, advanced only by its deliveries.
 */
public interface EventOutbox {

    /** Records an event that no catalog change goes with, such as a pull. */
    void record(RegistryEvent event);

    /**
     * Makes sure each endpoint has a position; a new endpoint starts after the newest event, so it is
     * sent what happens from now on, not the history.
     */
    void registerEndpoints(Set<String> endpoints);

    /**
     * One delivery round for {@code endpoint}: unless another instance is delivering to it right now,
     * or its next attempt is not yet due at {@code now}, hands the next events after its position (at most
     * {@code limit}) to {@code deliver} and stores what that decides. The endpoint stays claimed while
     * {@code deliver} runs, so no two instances send the same events at once.
     */
    Round deliverNext(String endpoint, int limit, Instant now, Function<Batch, Decision> deliver);

    /**
     * Deletes up to {@code limit} of the oldest events every endpoint is done with; their dead letters
     * keep copies. Returns how many went.
     */
    int pruneDelivered(int limit);

    /** Dead letters, newest first: of one endpoint, or of all. */
    List<DeadLetter> deadLetters(Optional<String> endpoint, int limit);

    /**
     * Sends an endpoint's dead letters again (all, or the one event): they go back into the outbox, after
     * everything recorded so far, for that endpoint alone, keeping their ids. Returns how many.
     */
    int replay(String endpoint, Optional<UUID> eventId);

    /** Where each registered endpoint stands, as every instance sees it. */
    List<EndpointStatus> status();

    /**
     * @param pending     events recorded after its position (some may be unwanted by it)
     * @param delivered   events it has been sent since it was registered
     * @param deadLetters dead letters waiting to be replayed
     */
    record EndpointStatus(String endpoint, long pending, long delivered, long deadLetters) {
        public EndpointStatus {
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }

    /** An event an endpoint did not take after its maximum attempts. */
    record DeadLetter(String endpoint, RegistryEvent event, int attempts, String lastError, Instant diedAt) {
        public DeadLetter {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(lastError, "lastError");
            Objects.requireNonNull(diedAt, "diedAt");
        }
    }

    /** The events of a round, oldest first, and how many attempts at the first of them have failed. */
    record Batch(List<Pending> events, int failedAttempts) {
        public Batch {
            events = List.copyOf(events);
        }
    }

    /** An event and its number in commit order. */
    record Pending(long sequence, RegistryEvent event) {
        public Pending {
            Objects.requireNonNull(event, "event");
        }
    }

    /** What a round did with its batch. */
    sealed interface Decision {
        /** Every event up to and including {@code sequence} is done with: {@code sent} of them were delivered, the rest not wanted. */
        record Advance(long sequence, int sent) implements Decision {
        }

        /** The batch failed; try again at {@code at}. */
        record Retry(Instant at, String error) implements Decision {
            public Retry {
                Objects.requireNonNull(at, "at");
                Objects.requireNonNull(error, "error");
            }
        }

        /** The batch's first event failed too often: set it aside as dead and move past it. */
        record DeadLetter(String error) implements Decision {
            public DeadLetter {
                Objects.requireNonNull(error, "error");
            }
        }
    }

    /** How a round ended. */
    sealed interface Round {
        /** Another instance holds the endpoint. */
        record Busy() implements Round {
        }

        /** Nothing to deliver, or the next attempt is not due yet. */
        record Idle() implements Round {
        }

        record Done(Decision decision) implements Round {
            public Done {
                Objects.requireNonNull(decision, "decision");
            }
        }
    }
}
