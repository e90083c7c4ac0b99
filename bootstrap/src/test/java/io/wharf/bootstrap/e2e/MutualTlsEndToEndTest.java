package io.wharf.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.bootstrap.testing.RunningRegistry;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutual TLS: the registry demands a client certificate signed by the configured CA. A test CA, a
 * server certificate and a client certificate are made with openssl; the JDK's HttpClient and skopeo
 * (a {@code client.cert}/{@code client.key} pair in its certificate directory) present it.
 */
@Timeout(180)
class MutualTlsEndToEndTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private static Path work;
    private static Path serverOnly;   // ca.crt: trusts the server, presents nothing
    private static Path withClient;   // ca.crt + client.cert + client.key
    private static RunningRegistry registry;
    private static Skopeo skopeo;

    @BeforeAll
    static void start() throws IOException {
        work = Files.createTempDirectory("wharf-mtls-e2e");
        skopeo = Skopeo.locate(work);
        Path ca = Files.createDirectories(work.resolve("ca"));
        TestCertificates.openssl(work, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-days", "2", "-subj", "/CN=wharf test CA", "-keyout", ca.resolve("ca.key").toString(),
                "-out", ca.resolve("ca.crt").toString());
        signed(ca, "server", "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1");
        signed(ca, "client", "/CN=ci-robot", "extendedKeyUsage=clientAuth");
        TestCertificates.openssl(work, "pkcs12", "-export", "-in", ca.resolve("client.crt").toString(),
                "-inkey", ca.resolve("client.key").toString(), "-out", ca.resolve("client.p12").toString(),
                "-passout", "pass:" + new String(PASSWORD));

        serverOnly = Files.createDirectories(work.resolve("server-only"));
        Files.copy(ca.resolve("ca.crt"), serverOnly.resolve("ca.crt"));
        withClient = Files.createDirectories(work.resolve("with-client"));
        Files.copy(ca.resolve("ca.crt"), withClient.resolve("ca.crt"));
        Files.copy(ca.resolve("client.crt"), withClient.resolve("client.cert"));
        Files.copy(ca.resolve("client.key"), withClient.resolve("client.key"));

        registry = RunningRegistry.start(Files.createDirectories(work.resolve("registry")), Map.of(
                "http.tls.certificate", ca.resolve("server.crt").toString(),
                "http.tls.key", ca.resolve("server.key").toString(),
                "http.tls.client-ca", ca.resolve("ca.crt").toString()));
    }

    @AfterAll
    static void stop() throws IOException {
        if (registry != null) {
            registry.close();
        }
        if (work != null) {
            SkopeoEndToEndTest.deleteRecursively(work);
        }
    }

    @Test
    void aClientWithACertificateFromTheCaIsServed() throws Exception {
        try (HttpClient http = HttpClient.newBuilder().sslContext(context(true)).build()) {
            HttpResponse<String> base = http.send(HttpRequest.newBuilder(registry.baseUri().resolve("/v2/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, base.statusCode());
        }
    }

    @Test
    void aClientWithoutACertificateIsRefused() throws Exception {
        try (HttpClient http = HttpClient.newBuilder().sslContext(context(false)).build()) {
            assertThrows(IOException.class, () -> http.send(HttpRequest.newBuilder(registry.baseUri().resolve("/v2/"))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void skopeoPushesWithItsClientCertificateAndIsRefusedWithout() throws IOException {
        OciLayout image = OciLayout.write(work.resolve("source"), "v1", new Random(11));
        String ref = "docker://" + registry.authority() + "/mtls/app:v1";
        skopeo.run("copy", "--dest-cert-dir", withClient.toString(), "oci:" + image.layout() + ":v1", ref);

        ExternalProcess.Result refused = ExternalProcess.run(work, Duration.ofSeconds(60), Map.of("HOME", work.toString()),
                ExternalProcess.which("skopeo").toString(), "--insecure-policy", "inspect", "--cert-dir",
                serverOnly.toString(), ref);
        assertNotEquals(0, refused.exitCode(), refused::describe);
        skopeo.run("inspect", "--cert-dir", withClient.toString(), ref);
    }

    /** Trusts the test CA; presents the client certificate when {@code withCertificate}. */
    private static SSLContext context(boolean withCertificate) throws Exception {
        return TestCertificates.clientContext(work.resolve("ca/ca.crt"),
                withCertificate ? Optional.of(work.resolve("ca/client.p12")) : Optional.empty(), PASSWORD);
    }

    /** A key and a certificate for {@code subject}, signed by the test CA in {@code ca}. */
    private static void signed(Path ca, String name, String subject, String extension) throws IOException {
        TestCertificates.openssl(work, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-subj", subject, "-keyout", ca.resolve(name + ".key").toString(),
                "-out", ca.resolve(name + ".csr").toString());
        Path extensions = Files.writeString(ca.resolve(name + ".ext"), extension + "\n");
        TestCertificates.openssl(work, "x509", "-req", "-in", ca.resolve(name + ".csr").toString(),
                "-CA", ca.resolve("ca.crt").toString(), "-CAkey", ca.resolve("ca.key").toString(), "-CAcreateserial", "-days", "2",
                "-extfile", extensions.toString(), "-out", ca.resolve(name + ".crt").toString());
    }
}
