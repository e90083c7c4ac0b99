package io.wharf.domain.event;

import java.util.Objects;

/**
 * The registry instance that recorded an event: distribution's {@code source} record, so that
 * receivers can tell instances apart when several run side by side.
 *
 * @param address    where the instance listens, {@code host:port}
 * @param instanceId made at start, unique to the process
 */
public record Source(String address, String instanceId) {
    public Source {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(instanceId, "instanceId");
    }
}
