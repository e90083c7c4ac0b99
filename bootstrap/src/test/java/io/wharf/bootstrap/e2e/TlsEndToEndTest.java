package io.wharf.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.bootstrap.e2e.ImageFixtures.Layer;
import io.wharf.bootstrap.testing.RunningRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HTTPS from PEM files: a certificate made for the test by openssl, clients that trust only it (the
 * JDK's HttpClient, and skopeo with {@code --dest-cert-dir}), TLS 1.2 and 1.3 only.
 */
@Timeout(180)
class TlsEndToEndTest {
    private static Path work;
    private static Path certificate;
    private static Path key;
    private static RunningRegistry registry;
    private static Skopeo skopeo;

    @BeforeAll
    static void start() throws IOException {
        work = Files.createTempDirectory("wharf-tls-e2e");
        skopeo = Skopeo.locate(work);
        Path certs = Files.createDirectories(work.resolve("certs"));
        certificate = certs.resolve("ca.crt"); // the name skopeo's --cert-dir reads as a trusted CA
        key = work.resolve("server.key");
        ExternalProcess.run(work, Duration.ofSeconds(30), Map.of(), "openssl", "req", "-x509", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(), "-out", certificate.toString())
                .assertSuccess();
        registry = RunningRegistry.start(Files.createDirectories(work.resolve("registry")), Map.of(
                "http.tls.certificate", certificate.toString(), "http.tls.key", key.toString()));
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
    void servesTheApiOverTls13ToAClientThatTrustsTheCertificate() throws Exception {
        assertEquals("https", registry.baseUri().getScheme());
        try (HttpClient http = HttpClient.newBuilder().sslContext(trusting(certificate)).build()) {
            HttpResponse<String> base = http.send(HttpRequest.newBuilder(registry.baseUri().resolve("/v2/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, base.statusCode());
            assertEquals("registry/2.0", base.headers().firstValue("Docker-Distribution-API-Version").orElse(""));
            assertEquals("TLSv1.3", base.sslSession().orElseThrow().getProtocol());
        }
    }

    @Test
    void tls12IsStillAccepted() throws Exception {
        SSLParameters tls12 = new SSLParameters();
        tls12.setProtocols(new String[] {"TLSv1.2"});
        try (HttpClient http = HttpClient.newBuilder().sslContext(trusting(certificate)).sslParameters(tls12).build()) {
            HttpResponse<String> base = http.send(HttpRequest.newBuilder(registry.baseUri().resolve("/v2/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, base.statusCode());
            assertEquals("TLSv1.2", base.sslSession().orElseThrow().getProtocol());
        }
    }

    @Test
    void plainHttpAndUntrustingClientsGetNoAnswer() {
        URI plain = URI.create("http://" + registry.authority() + "/v2/");
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            assertThrows(IOException.class, () -> http.send(HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString()));
            // the JDK's default trust store does not know the test's certificate
            assertThrows(IOException.class, () -> http.send(HttpRequest.newBuilder(registry.baseUri().resolve("/v2/"))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void skopeoPushesAndPullsWithTheCertificateDirectory() throws IOException {
        OciLayout image = OciLayout.write(work.resolve("source"), "v1", new Random(3));
        String ref = "docker://" + registry.authority() + "/tls/app:v1";
        String certDir = certificate.getParent().toString();
        skopeo.run("copy", "--dest-cert-dir", certDir, "oci:" + image.layout() + ":v1", ref);
        Path pulled = work.resolve("pulled");
        skopeo.run("copy", "--src-cert-dir", certDir, ref, "oci:" + pulled + ":v1");
        assertEquals(image.manifestDigest(), OciLayout.taggedManifest(pulled, "v1"));
        for (Layer layer : image.layers()) {
            assertArrayEquals(layer.gzipped(), OciLayout.blob(pulled, layer.digest()), "layer " + layer.digest());
        }
    }

    @Test
    void filesThatAreNotPemStopTheStartWithAMessage() throws IOException {
        Path notPem = Files.writeString(work.resolve("not.pem"), "hello");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunningRegistry.start(
                Files.createDirectories(work.resolve("broken")),
                Map.of("http.tls.certificate", notPem.toString(), "http.tls.key", key.toString())).close());
        assertTrue(e.getMessage().contains("certificate") || e.getMessage().contains(notPem.toString()), e.getMessage());
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trusted.setCertificateEntry("wharf-test", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
