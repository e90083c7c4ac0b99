package io.wharf.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.bootstrap.e2e.ImageFixtures.Layer;
import io.wharf.bootstrap.testing.RunningRegistry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

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
        TestCertificates.selfSigned(work, certificate, key, "127.0.0.1");
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

    /** A renewed certificate written over the files is served to new connections, with no restart. */
    @Test
    void aRenewedCertificateIsPickedUpWithoutARestart() throws Exception {
        Path dir = Files.createDirectories(work.resolve("renewal"));
        Path cert = dir.resolve("server.crt");
        Path serverKey = dir.resolve("server.key");
        TestCertificates.selfSigned(work, cert, serverKey, "first");
        byte[] first = Files.readAllBytes(cert);
        try (RunningRegistry renewing = RunningRegistry.start(Files.createDirectories(dir.resolve("registry")), Map.of(
                "http.tls.certificate", cert.toString(), "http.tls.key", serverKey.toString(),
                "http.tls.reload-interval", "200ms"))) {
            assertEquals("CN=first", servedSubject(renewing, first));

            Path next = Files.createDirectories(dir.resolve("next"));
            TestCertificates.selfSigned(work, next.resolve("server.crt"), next.resolve("server.key"), "second");
            byte[] second = Files.readAllBytes(next.resolve("server.crt"));
            // as certbot and cert-manager do: new files moved into place, key first
            Files.move(next.resolve("server.key"), serverKey, StandardCopyOption.REPLACE_EXISTING);
            Files.move(next.resolve("server.crt"), cert, StandardCopyOption.REPLACE_EXISTING);

            String subject = "";
            for (int attempt = 0; attempt < 50 && !subject.equals("CN=second"); attempt++) {
                Thread.sleep(100);
                subject = servedSubject(renewing, second);
            }
            assertEquals("CN=second", subject, "the renewed certificate was not served within 5 s");
        }
    }

    /** The subject of the certificate a new connection is served, trusting only {@code trusted}. */
    private static String servedSubject(RunningRegistry target, byte[] trusted) throws Exception {
        Path pem = Files.write(Files.createTempFile(work, "trusted", ".crt"), trusted);
        try (HttpClient http = HttpClient.newBuilder().sslContext(trusting(pem)).build()) {
            HttpResponse<String> base = http.send(HttpRequest.newBuilder(target.baseUri().resolve("/v2/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, base.statusCode());
            X509Certificate served = (X509Certificate) base.sslSession().orElseThrow().getPeerCertificates()[0];
            return served.getSubjectX500Principal().getName();
        } catch (IOException notTrustedYet) {
            return "untrusted: " + notTrustedYet.getMessage();
        }
    }

    @Test
    void aPkcs12KeystoreServesTheSameWay() throws Exception {
        Path keystore = work.resolve("server.p12");
        TestCertificates.openssl(work, "pkcs12", "-export", "-in", certificate.toString(), "-inkey", key.toString(),
                "-out", keystore.toString(), "-passout", "pass:s3cret");
        try (RunningRegistry fromKeystore = RunningRegistry.start(Files.createDirectories(work.resolve("p12")), Map.of(
                "http.tls.keystore", keystore.toString(), "http.tls.keystore-password", "s3cret"))) {
            assertEquals("CN=127.0.0.1", servedSubject(fromKeystore, Files.readAllBytes(certificate)));
        }
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> RunningRegistry.start(
                Files.createDirectories(work.resolve("p12-wrong")),
                Map.of("http.tls.keystore", keystore.toString(), "http.tls.keystore-password", "guess")).close());
        assertTrue(wrong.getMessage().contains(keystore.toString()), wrong.getMessage());
        assertTrue(!wrong.getMessage().contains("guess"), "the password must not appear: " + wrong.getMessage());
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
        return TestCertificates.clientContext(pem, Optional.empty(), new char[0]);
    }
}
