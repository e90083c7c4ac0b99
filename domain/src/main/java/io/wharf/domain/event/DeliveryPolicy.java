package io.wharf.domain.event;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How events reach one endpoint: which it wants, how many go in one request, and how failed
 * deliveries are retried before the event is set aside as dead.
 *
 * @param ignoredActions    actions the endpoint does not want (pulls are many: {@code pull} is a common entry)
 * @param ignoredMediaTypes media types of targets the endpoint does not want
 * @param batchSize         the most events sent in one request
 * @param maxAttempts       attempts at a batch before its first event is dead-lettered
 * @param backoff           the wait after the first failure; it doubles, with jitter, up to {@code maxBackoff}
 */
public record DeliveryPolicy(Set<Action> ignoredActions, Set<String> ignoredMediaTypes, int batchSize, int maxAttempts,
                             Duration backoff, Duration maxBackoff) {
    public DeliveryPolicy {
        ignoredActions = Set.copyOf(ignoredActions);
        ignoredMediaTypes = Set.copyOf(ignoredMediaTypes);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (backoff.isNegative() || backoff.isZero() || maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive and at most maxBackoff");
        }
    }

    /** Whether the endpoint wants this event at all. */
    public boolean wants(RegistryEvent event) {
        return !ignoredActions.contains(event.action())
                && event.target().mediaType().map(m -> !ignoredMediaTypes.contains(m)).orElse(true);
    }
}
