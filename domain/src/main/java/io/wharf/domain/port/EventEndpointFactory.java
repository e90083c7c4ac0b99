package io.wharf.domain.port;

import java.util.List;

/**
 * Service-loaded: makes the notification endpoints from their configuration, the keys under
 * {@code notifications.endpoints}, each starting with the endpoint's name
 * ({@code ci.url}, {@code ci.timeout}, …). No keys, no endpoints.
 */
public interface EventEndpointFactory {

    /** @throws InvalidSettingException naming the full key of a missing or bad setting */
    List<EventEndpoint> create(AdapterSettings settings);
}
