/**
 * Outbound notifications, found by the bootstrap through the service loader: the webhook endpoints
 * ({@code notifications.endpoints}) and the legacy publisher that discards events. Nothing is
 * exported; {@code io.wharf.notify.internal} holds the envelope formats, the settings reader and
 * the small helpers the endpoints use.
 */
module io.wharf.notify {
    requires io.wharf.domain;
    requires java.net.http;

    provides io.wharf.domain.port.EventPublisherFactory with io.wharf.notify.DiscardingPublisherFactory;
    provides io.wharf.domain.port.EventEndpointFactory with io.wharf.notify.WebhookEndpoints;
}
