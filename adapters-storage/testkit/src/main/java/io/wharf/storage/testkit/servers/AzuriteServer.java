package io.wharf.storage.testkit.servers;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Azurite's blob service as a child process on a free loopback port, with its data in a temporary
 * directory, for the Azure storage driver's tests. It serves the emulator's one well-known account.
 *
 * <p>The program is {@code WHARF_TEST_AZURITE} (the path of {@code azurite-blob}) or else
 * {@code azurite-blob} on the {@code PATH}; when neither exists the calling test is skipped, or fails
 * where servers are required (see {@link TestServers#missing}).
 */
public final class AzuriteServer implements AutoCloseable {
    /** Azurite's fixed development account; its key is public and documented, not a secret. */
    public static final String ACCOUNT_NAME = "devstoreaccount1";
    public static final String ACCOUNT_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static final String PROGRAM = "azurite-blob";
    private static final String INSTALL_HINT = "Azurite is not installed: npm install azurite@3.37.0 and set "
            + "WHARF_TEST_AZURITE to node_modules/.bin/azurite-blob, or put azurite-blob on the PATH";
    private static final Duration STARTUP = Duration.ofSeconds(60);
    /** Azurite waits for idle keep-alive connections before it exits; its data is thrown away, so it need not. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final Process process;
    private final Path location;
    private final int port;

    private AzuriteServer(Process process, Path location, int port) {
        this.process = process;
        this.location = location;
        this.port = port;
    }

    /** Starts Azurite and waits until it listens; skips or fails the test when it is not installed. */
    public static AzuriteServer start() throws IOException {
        Optional<Path> program = program();
        if (program.isEmpty()) {
            String configured = System.getenv("WHARF_TEST_AZURITE");
            TestServers.missing(configured == null || configured.isBlank() ? INSTALL_HINT
                    : "WHARF_TEST_AZURITE=" + configured + " is not an executable file. " + INSTALL_HINT);
            throw new IllegalStateException("unreachable: missing() skips or fails");
        }
        Path location = Files.createTempDirectory("wharf-azurite-");
        int port = TestServers.freePort();
        Path log = location.resolve("azurite.log");
        Process process = new ProcessBuilder(program.get().toString(),
                "--blobHost", "127.0.0.1",
                "--blobPort", Integer.toString(port),
                "--location", location.resolve("data").toString(),
                "--skipApiVersionCheck",
                "--loose",
                "--silent")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        AzuriteServer server = new AzuriteServer(process, location, port);
        try {
            TestServers.awaitPort("Azurite", port, STARTUP, process);
        } catch (IOException | RuntimeException e) {
            String output = Files.exists(log) ? Files.readString(log) : "";
            server.close();
            throw new IOException(e.getMessage() + "; its output:\n" + output, e);
        }
        return server;
    }

    private static Optional<Path> program() {
        String configured = System.getenv("WHARF_TEST_AZURITE");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured.trim());
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String searchPath = System.getenv("PATH");
        if (searchPath == null) {
            return Optional.empty();
        }
        return Stream.of(searchPath.split(File.pathSeparator))
                .filter(directory -> !directory.isBlank())
                .map(directory -> Path.of(directory, PROGRAM))
                .filter(Files::isExecutable)
                .findFirst();
    }

    public String accountName() {
        return ACCOUNT_NAME;
    }

    public String accountKey() {
        return ACCOUNT_KEY;
    }

    public int port() {
        return port;
    }

    /** The account's blob endpoint in Azurite's path style, e.g. {@code http://127.0.0.1:10000/devstoreaccount1}. */
    public String blobEndpoint() {
        return "http://127.0.0.1:" + port + "/" + ACCOUNT_NAME;
    }

    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT_NAME + ";AccountKey=" + ACCOUNT_KEY
                + ";BlobEndpoint=" + blobEndpoint() + ";";
    }

    /** Stops Azurite and whatever it started (it is a node process), then removes its data. */
    @Override
    public void close() throws IOException {
        TestServers.stop(process, GRACE);
        TestServers.deleteTree(location);
    }
}
