package io.wharf.notify;

import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.EventEndpoint;
import io.wharf.domain.port.EventEndpointFactory;
import io.wharf.notify.internal.EndpointSettingsReader;

import java.util.List;

/**
 * Makes the webhook endpoints from the keys under {@code notifications.endpoints}, each
 * {@code <name>.<setting>}; the names match {@code [a-z0-9][a-z0-9_-]*}, at most 64 characters, and
 * the endpoints come sorted by name.
 *
 * <table>
 *   <caption>Settings of one endpoint</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code url}</td><td>required</td><td>absolute http or https URL, no user info, no fragment</td></tr>
 *   <tr><td>{@code headers.<Header-Name>}</td><td>none</td><td>values, comma separated, each sent as a header line</td></tr>
 *   <tr><td>{@code timeout}</td><td>5s</td><td>to connect, and to get the answer</td></tr>
 *   <tr><td>{@code format}</td><td>distribution</td><td>{@code distribution} or {@code cloudevents}</td></tr>
 *   <tr><td>{@code secret}</td><td>none</td><td>HMAC-SHA256 key: requests carry {@code Wharf-Signature: sha256=<hex>}</td></tr>
 *   <tr><td>{@code batchsize}</td><td>10</td><td>most events in one request</td></tr>
 *   <tr><td>{@code maxattempts}</td><td>20</td><td>attempts before an event is dead-lettered</td></tr>
 *   <tr><td>{@code backoff}</td><td>1s</td><td>wait after the first failure, doubling</td></tr>
 *   <tr><td>{@code maxbackoff}</td><td>5m</td><td>the longest wait</td></tr>
 *   <tr><td>{@code ignoredactions} or {@code ignore.actions}</td><td>none</td><td>actions not sent, e.g. {@code pull}</td></tr>
 *   <tr><td>{@code ignoredmediatypes} or {@code ignore.mediatypes}</td><td>none</td><td>target media types not sent</td></tr>
 *   <tr><td>{@code threshold}</td><td>ignored</td><td>distribution's failure count before backing off; Wharf backs off from the first failure</td></tr>
 *   <tr><td>{@code disabled}</td><td>false</td><td>{@code true}: checked, but not returned</td></tr>
 * </table>
 * Durations are {@code 500ms}, {@code 5s}, {@code 1m}, {@code 2h} (and sums such as {@code 1m30s}) or
 * ISO-8601. A missing, unknown or bad key fails with an {@link io.wharf.domain.port.InvalidSettingException}
 * naming its full key. No keys, no endpoints.
 */
public final class WebhookEndpoints implements EventEndpointFactory {

    /** For the service loader. */
    public WebhookEndpoints() {
    }

    @Override
    public List<EventEndpoint> create(AdapterSettings settings) {
        return EndpointSettingsReader.read(settings).stream()
                .<EventEndpoint>map(WebhookEndpoint::new)
                .toList();
    }
}
