package io.wharf.storage.testkit.servers;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A real S3 API for tests: S3Proxy over its filesystem backend, started as a separate process with the
 * test JVM's own {@code java}, on a free loopback port, with a random identity and credential (it checks
 * AWS v2 and v4 signatures, presigned URLs included). The jar comes from the system property
 * {@value #JAR_PROPERTY}, which the build sets after copying S3Proxy; without it the tests are skipped,
 * or fail where test servers are required (see {@link TestServers#missing}).
 *
 * <p>With the filesystem backend a bucket is a directory under the base directory, so
 * {@link #createBucket} needs no S3 client, and the test kit stays free of any SDK.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String JAR_PROPERTY = "wharf.test.s3proxy.jar";

    /** S3's own rule for bucket names, which S3Proxy enforces too. */
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Process process;
    private final Path directory;
    private final Path baseDirectory;
    private final Path log;
    private final URI endpoint;
    private final String identity;
    private final String credential;

    private S3ProxyServer(Process process, Path directory, Path baseDirectory, Path log, URI endpoint,
            String identity, String credential) {
        this.process = process;
        this.directory = directory;
        this.baseDirectory = baseDirectory;
        this.log = log;
        this.endpoint = endpoint;
        this.identity = identity;
        this.credential = credential;
    }

    /**
     * Starts a server and waits until it listens. When the jar is not there, this calls
     * {@link TestServers#missing} (so it does not return) with a hint on how to get it.
     */
    public static S3ProxyServer start() throws IOException {
        String jarProperty = System.getProperty(JAR_PROPERTY);
        if (jarProperty == null || jarProperty.isBlank() || !Files.isRegularFile(Path.of(jarProperty))) {
            TestServers.missing("S3Proxy is not available (system property " + JAR_PROPERTY + " = " + jarProperty
                    + "); build the module with Maven, which copies org.gaul:s3proxy:jar-with-dependencies"
                    + " into target/test-servers and sets the property");
            throw new IllegalStateException("TestServers.missing returned");
        }
        Path jar = Path.of(jarProperty);
        Path directory = Files.createTempDirectory("wharf-s3proxy-");
        Path baseDirectory = Files.createDirectories(directory.resolve("buckets"));
        Path log = directory.resolve("s3proxy.log");
        int port = TestServers.freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        String identity = "wharf-" + randomHex(6);
        String credential = randomHex(20);

        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", endpoint.toString());
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", identity);
        properties.setProperty("s3proxy.credential", credential);
        properties.setProperty("jclouds.provider", "filesystem");
        properties.setProperty("jclouds.filesystem.basedir", baseDirectory.toString());
        Path propertiesFile = directory.resolve("s3proxy.properties");
        try (Writer out = Files.newBufferedWriter(propertiesFile, StandardCharsets.UTF_8)) {
            properties.store(out, "written by the Wharf test kit");
        }

        List<String> command = List.of(javaCommand(), "-Xmx256m", "-jar", jar.toString(),
                "--properties", propertiesFile.toString());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        S3ProxyServer server = new S3ProxyServer(process, directory, baseDirectory, log, endpoint, identity, credential);
        try {
            TestServers.awaitPort("S3Proxy", port, STARTUP, process);
        } catch (IOException | RuntimeException e) {
            String output = server.logTail();
            server.close();
            throw new IOException(e.getMessage() + "; its output:\n" + output, e);
        }
        return server;
    }

    /** {@code http://127.0.0.1:<port>}; use path-style addressing, as there is no DNS for bucket hosts. */
    public URI endpoint() {
        return endpoint;
    }

    /** The access key id the server accepts. */
    public String identity() {
        return identity;
    }

    /** The secret access key the server checks signatures with. */
    public String credential() {
        return credential;
    }

    /** Creates an empty bucket; S3Proxy's filesystem backend sees a new directory as a new bucket. */
    public void createBucket(String name) throws IOException {
        if (!BUCKET_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid bucket name");
        }
        Files.createDirectory(baseDirectory.resolve(name));
    }

    /** A fresh, valid bucket name with {@code prefix} (lower-case letters, digits and '-'). */
    public static String uniqueBucketName(String prefix) {
        return prefix + "-" + randomHex(8);
    }

    /** The server's output so far, for failure messages. */
    public String logTail() {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops the process and removes its buckets. */
    @Override
    public void close() throws IOException {
        TestServers.stop(process, Duration.ofSeconds(10));
        TestServers.deleteTree(directory);
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
