package io.wharf.domain.port;

import io.wharf.domain.model.RegistryEvent;

/** Tells the outside world what happened. */
public interface EventPublisher {
    void publish(RegistryEvent event);
}
