package io.wharf.domain.port;

import java.util.Set;

/** Service-loaded: makes an event publisher from its configuration section. */
public interface EventPublisherFactory {
    String name();

    Set<String> settingKeys();

    EventPublisher create(AdapterSettings settings);
}
