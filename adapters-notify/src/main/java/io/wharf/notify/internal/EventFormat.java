package io.wharf.notify.internal;

import io.wharf.domain.event.RegistryEvent;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How a batch of events becomes a request body: the endpoint's {@code format} setting. */
public sealed interface EventFormat permits DistributionEnvelope, CloudEventsBatch {

    /** The setting's value that selects this format. */
    String name();

    /** The request's {@code Content-Type}. */
    String mediaType();

    /** The body for these events, in this order, as UTF-8 JSON. */
    byte[] write(List<RegistryEvent> events);

    /** The format the setting names ({@code distribution} or {@code cloudevents}, any case). */
    static Optional<EventFormat> named(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case DistributionEnvelope.NAME -> Optional.of(new DistributionEnvelope());
            case CloudEventsBatch.NAME -> Optional.of(new CloudEventsBatch());
            default -> Optional.empty();
        };
    }
}
