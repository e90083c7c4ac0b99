package io.wharf.domain.port;

import io.wharf.domain.event.DeliveryAttempt;

/** Sees every delivery attempt: the metrics of notification endpoints. */
@FunctionalInterface
public interface DeliveryObserver {
    DeliveryObserver NONE = attempt -> {
    };

    void observe(DeliveryAttempt attempt);
}
