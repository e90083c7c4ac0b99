/**
 * Notification endpoints: webhooks that receive registry events as distribution's envelope or
 * CloudEvents, found by the bootstrap through the service loader.
 */
module io.wharf.notify {
    requires io.wharf.domain;
    requires java.net.http;
    requires io.opentelemetry.api;
    requires io.opentelemetry.context;

    provides io.wharf.domain.port.EventEndpointFactory with io.wharf.notify.WebhookEndpoints;
}
