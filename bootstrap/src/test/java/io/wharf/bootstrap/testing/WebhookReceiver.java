package io.wharf.bootstrap.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wharf.domain.json.JsonReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A webhook receiver on loopback, as a CI system would run one: it takes distribution-format envelopes
 * and keeps every event it was sent, duplicates included. It can be turned down (503) or made to hang.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** How the receiver answers. */
    public enum Mode {
        UP,
        DOWN,
        HANGING
    }

    private final HttpServer server;
    private final List<Map<?, ?>> events = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.UP;
    private volatile CountDownLatch hang = new CountDownLatch(0);

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/events", receiver::handle);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
    }

    public void mode(Mode mode) {
        if (mode == Mode.HANGING) {
            hang = new CountDownLatch(1);
        } else {
            hang.countDown();
        }
        this.mode = mode;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            Mode now = mode;
            if (now == Mode.HANGING) {
                try {
                    hang.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (now != Mode.UP) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT),
                    String.join(",", v)));
            requests.add(headers);
            for (Object event : (List<?>) ((Map<?, ?>) JsonReader.parse(body)).get("events")) {
                events.add((Map<?, ?>) event);
            }
            exchange.sendResponseHeaders(202, -1);
        }
    }

    /** Every event received so far, in the order received, duplicates included. */
    public List<Map<?, ?>> events() {
        return new ArrayList<>(events);
    }

    /** The headers of each accepted request, names in lower case. */
    public List<Map<String, String>> requests() {
        return new ArrayList<>(requests);
    }

    /** Waits until the events received satisfy {@code done}; fails after {@code timeout}. */
    public List<Map<?, ?>> awaitEvents(Predicate<List<Map<?, ?>>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Map<?, ?>> now = events();
            if (done.test(now)) {
                return now;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("the receiver did not get the expected events within " + timeout + "; it got "
                + events.size() + ":\n" + events);
    }

    @Override
    public void close() {
        hang.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
