package io.wharf.domain.event;

import java.time.Duration;
import java.util.Objects;

/**
 * One request to an endpoint and how it went, for metrics.
 *
 * @param events how many events the request carried
 */
public record DeliveryAttempt(String endpoint, Outcome outcome, int events, Duration took) {
    public enum Outcome {
        /** The receiver took the events. */
        DELIVERED,
        /** The receiver failed; the events wait for the next attempt. */
        RETRYING,
        /** The receiver failed for the last time: the first event went to the dead letters. */
        DEAD_LETTERED
    }

    public DeliveryAttempt {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(took, "took");
    }
}
