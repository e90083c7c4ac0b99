package io.wharf.domain.port;

import io.wharf.domain.event.DeliveryPolicy;
import io.wharf.domain.event.RegistryEvent;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** One configured notification endpoint (a webhook receiver). */
public interface EventEndpoint {

    /** The endpoint's configured name: it keys its delivery position and dead letters. */
    String name();

    DeliveryPolicy policy();

    /**
     * Sends the events, in this order, in one request, and says whether the receiver took them. Never
     * throws for a receiver's failure (unreachable, timeout, non-2xx): that is a {@link Delivery.Failed}.
     */
    Delivery send(List<RegistryEvent> events);

    /** How one request went. */
    sealed interface Delivery {
        Duration took();

        record Delivered(Duration took) implements Delivery {
            public Delivered {
                Objects.requireNonNull(took, "took");
            }
        }

        /** @param reason what went wrong (status, timeout, refused connection), never a secret */
        record Failed(String reason, Duration took) implements Delivery {
            public Failed {
                Objects.requireNonNull(reason, "reason");
                Objects.requireNonNull(took, "took");
            }
        }
    }
}
