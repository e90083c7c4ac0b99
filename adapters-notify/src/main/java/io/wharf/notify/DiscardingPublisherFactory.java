package io.wharf.notify;

import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.EventPublisher;
import io.wharf.domain.port.EventPublisherFactory;

import java.util.Set;

/** {@code notifications.type: none}: events go nowhere, the default until endpoints are configured. */
public final class DiscardingPublisherFactory implements EventPublisherFactory {
    @Override
    public String name() {
        return "none";
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of();
    }

    @Override
    public EventPublisher create(AdapterSettings settings) {
        settings.rejectUnknown(settingKeys());
        return event -> {
        };
    }
}
