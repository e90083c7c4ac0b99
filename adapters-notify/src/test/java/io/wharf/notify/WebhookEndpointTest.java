package io.wharf.notify;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wharf.domain.event.RegistryEvent;
import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.EventEndpoint;
import io.wharf.domain.port.EventEndpoint.Delivery;
import io.wharf.notify.internal.CloudEventsBatch;
import io.wharf.notify.internal.DistributionEnvelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static io.wharf.notify.Events.array;
import static io.wharf.notify.Events.manifestPush;
import static io.wharf.notify.Events.object;
import static org.assertj.core.api.Assertions.assertThat;

/** Webhook deliveries to a real HTTP receiver on loopback (the JDK's server). */
class WebhookEndpointTest {
    private static final String SECRET = "hmac-s3cr3t";
    private static final String TOKEN = "Bearer t0ken-s3cr3t";

    /** What the receiver does with the next requests. */
    private record Answer(int status, Duration delay, Map<String, String> headers) {
    }

    /** One request as the receiver saw it. */
    private record Received(String method, String path, Headers headers, byte[] body) {
    }

    private final AtomicReference<Answer> answer = new AtomicReference<>(new Answer(200, Duration.ZERO, Map.of()));
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private ExecutorService executor;
    private HttpServer server;
    private String base;

    @BeforeEach
    void receive() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.createContext("/trickle", this::trickle);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(), in.readAllBytes()));
            Answer now = answer.get();
            if (!now.delay().isZero()) {
                Thread.sleep(now.delay());
            }
            now.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(now.status(), now.status() == 204 ? -1 : 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Answers 200 at once, then sends its body a byte at a time, too slowly to ever finish. */
    private void trickle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            for (int i = 0; i < 50; i++) {
                exchange.getResponseBody().write('.');
                exchange.getResponseBody().flush();
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 202, 204})
    void aTwoHundredIsADelivery(int status) {
        answer.set(new Answer(status, Duration.ZERO, Map.of()));
        EventEndpoint endpoint = endpoint(Map.of("headers.Authorization", TOKEN, "headers.X-Tenant", "a, b"));
        RegistryEvent push = manifestPush();

        long start = System.nanoTime();
        Delivery delivery = endpoint.send(List.of(push));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(delivery).isInstanceOf(Delivery.Delivered.class);
        assertThat(delivery.took()).isPositive().isLessThanOrEqualTo(elapsed);
        assertThat(received).hasSize(1);
        Received request = received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hooks/registry?team=a");
        assertThat(request.headers().get("Content-Type")).containsExactly(DistributionEnvelope.MEDIA_TYPE);
        assertThat(request.headers().get("User-Agent")).containsExactly("wharf-notifications");
        assertThat(request.headers().get("Authorization")).containsExactly(TOKEN);
        assertThat(request.headers().get("X-Tenant")).containsExactly("a", "b");
        assertThat(request.headers().containsKey("Wharf-Signature")).isFalse();
        assertThat(object(request.body())).isEqualTo(object(new DistributionEnvelope().write(List.of(push))));
    }

    @Test
    void theCloudEventsFormatSendsABatch() {
        Delivery delivery = endpoint(Map.of("format", "cloudevents")).send(List.of(manifestPush(), manifestPush()));

        assertThat(delivery).isInstanceOf(Delivery.Delivered.class);
        Received request = received.get(0);
        assertThat(request.headers().get("Content-Type")).containsExactly(CloudEventsBatch.MEDIA_TYPE);
        assertThat(array(request.body())).hasSize(2);
    }

    @Test
    void aSignedRequestVerifiesWithTheSharedSecret() throws Exception {
        endpoint(Map.of("secret", SECRET)).send(List.of(manifestPush()));

        Received request = received.get(0);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body()));
        assertThat(request.headers().get("Wharf-Signature")).containsExactly(expected);
        assertThat(expected).matches("sha256=[0-9a-f]{64}");
    }

    @Test
    void aServerErrorIsAFailure() {
        answer.set(new Answer(500, Duration.ZERO, Map.of()));

        Delivery delivery = signedEndpoint().send(List.of(manifestPush()));

        assertFailed(delivery, "HTTP 500");
    }

    @Test
    void aClientErrorIsAFailure() {
        answer.set(new Answer(404, Duration.ZERO, Map.of()));

        assertFailed(signedEndpoint().send(List.of(manifestPush())), "HTTP 404");
    }

    @Test
    void aRedirectIsAFailureAndIsNotFollowed() {
        answer.set(new Answer(301, Duration.ZERO, Map.of("Location", base + "/elsewhere")));

        Delivery delivery = signedEndpoint().send(List.of(manifestPush()));

        assertFailed(delivery, "redirected to " + base + "/elsewhere (HTTP 301); redirects are not followed");
        assertThat(received).extracting(Received::path).containsExactly("/hooks/registry?team=a");
    }

    @Test
    void aReceiverSlowerThanTheTimeoutIsAFailureWithinTheTimeout() {
        answer.set(new Answer(200, Duration.ofSeconds(5), Map.of()));
        EventEndpoint endpoint = endpoint(Map.of("timeout", "500ms", "secret", SECRET, "headers.Authorization", TOKEN));

        long start = System.nanoTime();
        Delivery delivery = endpoint.send(List.of(manifestPush()));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertFailed(delivery, "timed out after 500ms");
        assertThat(elapsed).isLessThan(Duration.ofMillis(1500));
        assertThat(delivery.took()).isGreaterThanOrEqualTo(Duration.ofMillis(500)).isLessThanOrEqualTo(elapsed);
    }

    @Test
    void anAnswerWhoseBodyNeverEndsIsCutOffShortlyAfterTheTimeout() {
        EventEndpoint endpoint = new WebhookEndpoints().create(new AdapterSettings("notifications.endpoints", Map.of(
                "ci.url", base + "/trickle", "ci.timeout", "500ms"))).get(0);

        long start = System.nanoTime();
        Delivery delivery = endpoint.send(List.of(manifestPush()));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertFailed(delivery, "timed out after 500ms");
        assertThat(elapsed).isLessThan(Duration.ofMillis(2000));
    }

    @Test
    void aClosedPortIsARefusedConnection() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        EventEndpoint endpoint = new WebhookEndpoints().create(new AdapterSettings("notifications.endpoints", Map.of(
                "ci.url", "http://127.0.0.1:" + port + "/hook", "ci.secret", SECRET,
                "ci.headers.Authorization", TOKEN))).get(0);

        assertFailed(endpoint.send(List.of(manifestPush())), "connection refused");
    }

    @Test
    void anEmptyBatchSendsNothing() {
        assertThat(signedEndpoint().send(List.of())).isInstanceOf(Delivery.Delivered.class);
        assertThat(received).isEmpty();
    }

    @Test
    void theEndpointKeepsItsNameAndPolicyAndShowsNoSecret() {
        EventEndpoint endpoint = endpoint(Map.of("secret", SECRET, "headers.Authorization", TOKEN, "batchsize", "3",
                "ignoredactions", "pull"));

        assertThat(endpoint.name()).isEqualTo("ci");
        assertThat(endpoint.policy().batchSize()).isEqualTo(3);
        assertThat(endpoint.toString()).contains("ci", "Authorization", base + "/hooks/registry")
                .doesNotContain("s3cr3t", "team=a");
    }

    @Test
    void requestsAreSentAgainAfterAFailure() {
        answer.set(new Answer(503, Duration.ZERO, Map.of()));
        EventEndpoint endpoint = signedEndpoint();
        assertFailed(endpoint.send(List.of(manifestPush())), "HTTP 503");

        answer.set(new Answer(200, Duration.ZERO, Map.of()));
        assertThat(endpoint.send(List.of(manifestPush()))).isInstanceOf(Delivery.Delivered.class);
        assertThat(received).hasSize(2);
        assertThat(received.get(0).body()).isEqualTo(received.get(1).body());
    }

    private static void assertFailed(Delivery delivery, String reason) {
        assertThat(delivery).isInstanceOf(Delivery.Failed.class);
        String actual = ((Delivery.Failed) delivery).reason();
        assertThat(actual).isEqualTo(reason).doesNotContain("s3cr3t");
        assertThat(delivery.took()).isPositive();
    }

    private EventEndpoint signedEndpoint() {
        return endpoint(Map.of("secret", SECRET, "headers.Authorization", TOKEN));
    }

    private EventEndpoint endpoint(Map<String, String> settings) {
        Map<String, String> values = new HashMap<>();
        values.put("ci.url", base + "/hooks/registry?team=a");
        settings.forEach((key, value) -> values.put("ci." + key, value));
        List<EventEndpoint> endpoints = new WebhookEndpoints().create(new AdapterSettings("notifications.endpoints", values));
        assertThat(endpoints).hasSize(1);
        return endpoints.get(0);
    }
}
