package io.wharf.bootstrap.e2e;

import static io.wharf.bootstrap.testing.RegistryClient.header;
import static io.wharf.bootstrap.testing.RegistryClient.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.bootstrap.e2e.ImageFixtures.Layer;
import io.wharf.bootstrap.testing.RegistryClient;
import io.wharf.bootstrap.testing.RunningRegistry;
import io.wharf.domain.model.Digest;
import io.wharf.storage.testkit.servers.AzuriteServer;
import io.wharf.storage.testkit.servers.S3ProxyServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * skopeo pushes and pulls a multi-layer image through Wharf whose blobs live in a real object store,
 * with redirects on (blob GETs answer 307 to a signed URL the client follows to the store) and off
 * (the registry streams the bytes itself). Every byte pulled must be the byte pushed.
 */
@Timeout(300)
class ObjectStorageEndToEndTest {
    private static Path work;
    private static Skopeo skopeo;
    private static S3ProxyServer s3;
    private static AzuriteServer azurite;

    @BeforeAll
    static void start() throws IOException {
        work = Files.createTempDirectory("wharf-object-storage-e2e");
        skopeo = Skopeo.locate(work);
        s3 = S3ProxyServer.start();
        azurite = AzuriteServer.start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (s3 != null) {
            s3.close();
        }
        if (azurite != null) {
            azurite.close();
        }
        if (work != null) {
            SkopeoEndToEndTest.deleteRecursively(work);
        }
    }

    @ParameterizedTest(name = "redirects {0}")
    @ValueSource(booleans = {true, false})
    void skopeoRoundTripOnS3(boolean redirects) throws Exception {
        String bucket = S3ProxyServer.uniqueBucketName("e2e");
        s3.createBucket(bucket);
        Map<String, String> settings = new HashMap<>(Map.of(
                "storage.driver", "s3",
                "storage.s3.bucket", bucket,
                "storage.s3.regionendpoint", s3.endpoint().toString(),
                "storage.s3.forcepathstyle", "true",
                "storage.s3.accesskey", s3.identity(),
                "storage.s3.secretkey", s3.credential(),
                "storage.s3.rootdirectory", "registry"));
        roundTrip("s3-" + redirects, settings, redirects, s3.endpoint());
    }

    @ParameterizedTest(name = "redirects {0}")
    @ValueSource(booleans = {true, false})
    void skopeoRoundTripOnAzure(boolean redirects) throws Exception {
        Map<String, String> settings = Map.of(
                "storage.driver", "azure",
                "storage.azure.accountname", azurite.accountName(),
                "storage.azure.accountkey", azurite.accountKey(),
                "storage.azure.endpoint", azurite.blobEndpoint(),
                "storage.azure.container", "e2e-" + redirects,
                "storage.azure.createcontainer", "true",
                "storage.azure.rootdirectory", "registry");
        roundTrip("azure-" + redirects, settings, redirects, URI.create(azurite.blobEndpoint()));
    }

    /**
     * Pushes, checks how a blob GET and HEAD are answered, pulls, and compares every blob. One layer is
     * larger than the S3 part and the Azure block size, so multipart uploads and several blocks are part of the round trip.
     */
    private static void roundTrip(String name, Map<String, String> storage, boolean redirects, URI store)
            throws Exception {
        Map<String, String> settings = new HashMap<>(storage);
        settings.put("storage.redirect.enabled", Boolean.toString(redirects));
        Path dir = Files.createDirectories(work.resolve(name));
        Random random = new Random(name.hashCode());
        OciLayout image = OciLayout.write(dir.resolve("source"), "v1", List.of(
                Layer.of(OciLayout.files("data/big.bin", ImageFixtures.randomBytes(random, 12 << 20))),
                Layer.of(OciLayout.files("data/small.bin", ImageFixtures.randomBytes(random, 200 * 1024))),
                Layer.of(OciLayout.files("etc/motd", "hello".getBytes()))));

        try (RunningRegistry registry = RunningRegistry.start(Files.createDirectories(dir.resolve("registry")), settings)) {
            RegistryClient client = new RegistryClient(registry.baseUri());
            String ref = "docker://" + registry.authority() + "/e2e/" + name + ":v1";
            skopeo.run("copy", "--dest-tls-verify=false", "oci:" + image.layout() + ":v1", ref);

            Layer big = image.layers().get(0);
            String blobPath = "/v2/e2e/" + name + "/blobs/" + big.digest();
            HttpResponse<byte[]> head = client.head(blobPath);
            assertEquals(200, head.statusCode(), "HEAD stays on the registry");
            assertEquals(Long.toString(big.gzipped().length), header(head, "Content-Length"));
            assertEquals(big.digest().toString(), header(head, "Docker-Content-Digest"));

            HttpResponse<byte[]> get = client.get(blobPath);
            if (redirects) {
                assertEquals(307, get.statusCode(), () -> "blob GET with redirects on: " + text(get));
                URI location = URI.create(header(get, "Location"));
                assertTrue(location.toString().startsWith(store.toString()),
                        () -> "redirect to " + location + ", not to the object store at " + store);
                try (HttpClient http = HttpClient.newHttpClient()) {
                    HttpResponse<byte[]> direct = http.send(HttpRequest.newBuilder(location).GET().build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertEquals(200, direct.statusCode(), () -> "the signed URL: " + text(direct));
                    assertArrayEquals(big.gzipped(), direct.body(), "bytes from the signed URL");
                }
            } else {
                assertEquals(200, get.statusCode(), () -> "blob GET with redirects off: " + text(get));
                assertArrayEquals(big.gzipped(), get.body(), "bytes streamed by the registry");
            }

            Path pulled = dir.resolve("pulled");
            skopeo.run("copy", "--src-tls-verify=false", ref, "oci:" + pulled + ":v1");
            assertEquals(image.manifestDigest(), OciLayout.taggedManifest(pulled, "v1"));
            assertArrayEquals(image.manifest(), OciLayout.blob(pulled, image.manifestDigest()));
            assertArrayEquals(image.config(), OciLayout.blob(pulled, Digest.sha256(image.config())));
            for (Layer layer : image.layers()) {
                assertArrayEquals(layer.gzipped(), OciLayout.blob(pulled, layer.digest()), "layer " + layer.digest());
            }
        }
    }
}
