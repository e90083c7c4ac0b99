package io.wharf.notify;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.wharf.domain.event.DeliveryPolicy;
import io.wharf.domain.event.RegistryEvent;
import io.wharf.domain.port.EventEndpoint;
import io.wharf.notify.internal.EndpointConfig;
import io.wharf.notify.internal.FailureReasons;
import io.wharf.notify.internal.Signature;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One webhook receiver: each {@link #send} is one {@code POST} of the whole batch to the configured URL,
 * with the JDK's HTTP client.
 *
 * <p>The request carries the configured headers, the format's {@code Content-Type},
 * {@code User-Agent: wharf-notifications} and, when a secret is configured,
 * {@code Wharf-Signature: sha256=<hex HMAC-SHA256(secret, body)>}. Any 2xx answer is a delivery.
 * Everything else is a {@link Delivery.Failed} with a short reason, never an exception, and never the
 * secret or a header value: a 3xx (redirects are not followed, so events cannot be carried to a host
 * nobody configured), another status, a timeout, a refused connection.
 *
 * <p>{@code timeout} bounds connecting and, again, waiting for the answer; a receiver that answers but
 * then trickles its body is cut off shortly after, so one slow receiver holds its dispatcher no longer.
 */
public final class WebhookEndpoint implements EventEndpoint {
    static final String USER_AGENT = "wharf-notifications";
    /** Past the request timeout, how long the body of an answer may still take before the exchange is abandoned. */
    private static final Duration GRACE = Duration.ofMillis(500);
    private static final int MAX_LOCATION_LENGTH = 200;

    private final EndpointConfig config;
    private final Optional<Signature> signature;
    private final List<String> sensitive;
    private final HttpClient client;

    WebhookEndpoint(EndpointConfig config) {
        this.config = config;
        this.signature = config.secret().map(Signature::new);
        List<String> values = new ArrayList<>();
        config.secret().ifPresent(values::add);
        config.headers().values().forEach(values::addAll);
        this.sensitive = List.copyOf(values);
        // HTTP/1.1: the JDK would otherwise offer a cleartext h2c upgrade on the POST, which some receivers mishandle
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public DeliveryPolicy policy() {
        return config.policy();
    }

    /** The body's media type, which tells the receiver the format. */
    public String mediaType() {
        return config.format().mediaType();
    }

    @Override
    public Delivery send(List<RegistryEvent> events) {
        long start = System.nanoTime();
        if (events.isEmpty()) {
            return new Delivery.Delivered(Duration.ZERO); // nothing to say: no request
        }
        byte[] body = config.format().write(events);
        CompletableFuture<HttpResponse<Void>> exchange =
                client.sendAsync(request(body), HttpResponse.BodyHandlers.discarding());
        try {
            HttpResponse<Void> response = exchange.get(config.timeout().plus(GRACE).toNanos(), TimeUnit.NANOSECONDS);
            return outcome(response, took(start));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new Delivery.Failed(FailureReasons.timedOut(config.timeout()), took(start));
        } catch (ExecutionException e) {
            return new Delivery.Failed(FailureReasons.of(e.getCause(), config.timeout(), sensitive), took(start));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return new Delivery.Failed("interrupted", took(start));
        }
    }

    private HttpRequest request(byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(config.url())
                .timeout(config.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        config.headers().forEach((header, values) -> values.forEach(value -> request.header(header, value)));
        request.header("Content-Type", config.format().mediaType());
        request.header("User-Agent", USER_AGENT);
        signature.ifPresent(s -> request.header(Signature.HEADER, s.sign(body)));
        // the trace of the delivery (itself under the trace of the request that caused the first event)
        // continues at the receiver; nothing is added when no span is current
        W3CTraceContextPropagator.getInstance().inject(Context.current(), request, HttpRequest.Builder::setHeader);
        return request.build();
    }

    private static Delivery outcome(HttpResponse<Void> response, Duration took) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Delivery.Delivered(took);
        }
        if (status >= 300 && status < 400) {
            return new Delivery.Failed(response.headers().firstValue("Location")
                    .map(location -> "redirected to " + shorten(location) + " (HTTP " + status + "); redirects are not followed")
                    .orElse("HTTP " + status), took);
        }
        return new Delivery.Failed("HTTP " + status, took);
    }

    private static String shorten(String location) {
        return location.length() <= MAX_LOCATION_LENGTH ? location : location.substring(0, MAX_LOCATION_LENGTH) + "…";
    }

    private static Duration took(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public String toString() {
        return "WebhookEndpoint[" + config + "]";
    }
}
