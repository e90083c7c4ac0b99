package io.wharf.storage.testkit.servers;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the fixtures that start real servers for tests (S3Proxy, Azurite, ...) share: ports, readiness,
 * and the rule for a missing server program.
 */
public final class TestServers {
    private TestServers() {
    }

    /** A port free on loopback right now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Waits until something accepts connections on {@code 127.0.0.1:port}, or fails naming the server. */
    public static void awaitPort(String server, int port, Duration timeout, Process process) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException(server + " exited with status " + process.exitValue() + " before listening on " + port);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(Duration.ofMillis(100));
            }
        }
        process.destroyForcibly();
        throw new IOException(server + " did not listen on " + port + " within " + timeout);
    }

    /**
     * A server program the tests need is missing. Under {@code ./wharf test} (which installs every such
     * program and sets {@code WHARF_TEST_REQUIRE_SERVICES}) or in CI that is a failure, never a skip;
     * a developer running one module's tests by hand gets a skipped test with the hint.
     */
    public static void missing(String hint) {
        if (System.getenv("WHARF_TEST_REQUIRE_SERVICES") != null || System.getenv("CI") != null) {
            fail(hint + " (required here: run the tests with ./wharf test)");
        }
        assumeTrue(false, hint);
    }

    /**
     * Stops a server process and whatever it started (Azurite is a node process with children): asks
     * politely, waits {@code grace}, then kills.
     */
    public static void stop(Process process, Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Removes a server's data directory and everything in it. */
    public static void deleteTree(Path top) throws IOException {
        if (!Files.exists(top)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(top)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a test server", e);
        }
    }
}
