package io.wharf.bootstrap.e2e;

import io.wharf.bootstrap.e2e.ImageFixtures.Layer;
import io.wharf.bootstrap.testing.RegistryClient;
import io.wharf.bootstrap.testing.RunningRegistry;
import io.wharf.domain.json.JsonReader;
import io.wharf.domain.model.Digest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.wharf.bootstrap.testing.RegistryClient.header;
import static io.wharf.bootstrap.testing.RegistryClient.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * skopeo, an independent client (containers/image), pushes, inspects, pulls and deletes an image
 * against the real registry. The image is an OCI layout the test writes itself, so every byte the
 * registry should hand back is known.
 *
 * <p>The layers are real gzip-compressed tar archives with the {@code tar+gzip} media type: when
 * the destination is a registry, containers/image compresses any layer it does not detect as
 * compressed (it sniffs the bytes), which would rewrite digests and the manifest. Already
 * compressed layers and an unchanged manifest format are copied as they are.
 */
@Timeout(120)
class SkopeoEndToEndTest {
    private static Path work;
    private static RunningRegistry registry;
    private static RegistryClient client;
    private static Skopeo skopeo;

    @BeforeAll
    static void start() throws IOException {
        work = Files.createTempDirectory("wharf-skopeo-e2e");
        skopeo = Skopeo.locate(work);
        registry = RunningRegistry.start(Files.createDirectories(work.resolve("registry")));
        client = new RegistryClient(registry.baseUri());
    }

    @AfterAll
    static void stop() throws IOException {
        if (registry != null) {
            registry.close();
        }
        if (work != null) {
            deleteRecursively(work);
        }
    }

    @Test
    void pushInspectPullAndDeleteAnOciImage() throws IOException {
        OciLayout image = OciLayout.write(work.resolve("source"), "v1", new Random(42));
        String ref = "docker://" + registry.authority() + "/e2e/app:v1";

        // push
        skopeo.run("copy", "--dest-tls-verify=false", "oci:" + image.layout() + ":v1", ref);

        HttpResponse<byte[]> served = client.get("/v2/e2e/app/manifests/v1", "Accept", ImageFixtures.OCI_MANIFEST);
        assertEquals(200, served.statusCode(), () -> "GET manifest by tag after the push: " + text(served));
        assertArrayEquals(image.manifest(), served.body(),
                () -> "the registry must serve the pushed manifest byte for byte; got " + text(served));
        assertEquals(image.manifestDigest().toString(), header(served, "Docker-Content-Digest"));
        assertEquals(ImageFixtures.OCI_MANIFEST, header(served, "Content-Type"));

        // inspect
        ExternalProcess.Result inspect = skopeo.run("inspect", "--tls-verify=false", ref);
        Map<?, ?> json = (Map<?, ?>) JsonReader.parse(inspect.stdout());
        assertEquals(image.manifestDigest().toString(), json.get("Digest"), inspect::describe);
        List<String> expectedLayers = image.layers().stream().map(l -> l.digest().toString()).toList();
        assertEquals(expectedLayers, json.get("Layers"), inspect::describe);
        assertEquals("amd64", json.get("Architecture"), inspect::describe);
        assertEquals("linux", json.get("Os"), inspect::describe);
        assertEquals(List.of("v1"), json.get("RepoTags"), inspect::describe);

        // raw manifest and config, as skopeo reads them
        ExternalProcess.Result raw = skopeo.run("inspect", "--raw", "--tls-verify=false", ref);
        assertArrayEquals(image.manifest(), raw.stdout().getBytes(StandardCharsets.UTF_8), raw::describe);
        ExternalProcess.Result config = skopeo.run("inspect", "--config", "--raw", "--tls-verify=false", ref);
        assertArrayEquals(image.config(), config.stdout().getBytes(StandardCharsets.UTF_8), config::describe);

        // pull into a second layout: same manifest, same blobs, byte for byte
        Path pulled = work.resolve("pulled");
        skopeo.run("copy", "--src-tls-verify=false", ref, "oci:" + pulled + ":v1");
        assertEquals(image.manifestDigest(), OciLayout.taggedManifest(pulled, "v1"),
                "the pulled layout's index.json must point at the pushed manifest");
        assertArrayEquals(image.manifest(), OciLayout.blob(pulled, image.manifestDigest()), "manifest bytes after the round trip");
        assertArrayEquals(image.config(), OciLayout.blob(pulled, Digest.sha256(image.config())), "config bytes after the round trip");
        for (Layer layer : image.layers()) {
            assertArrayEquals(layer.gzipped(), OciLayout.blob(pulled, layer.digest()), "layer " + layer.digest());
        }
        try (var files = Files.list(pulled.resolve("blobs/sha256"))) {
            assertEquals(image.layers().size() + 2, files.count(), "pulled layout holds exactly manifest, config, layers");
        }

        // delete, then the manifest is gone by digest
        skopeo.run("delete", "--tls-verify=false", ref);
        HttpResponse<byte[]> afterDelete = client.get("/v2/e2e/app/manifests/" + image.manifestDigest(),
                "Accept", ImageFixtures.OCI_MANIFEST);
        assertEquals(404, afterDelete.statusCode(),
                () -> "GET manifest by digest after skopeo delete: " + afterDelete.statusCode() + " " + text(afterDelete));
        assertTrue(text(afterDelete).contains("MANIFEST_UNKNOWN"),
                () -> "404 body should carry the MANIFEST_UNKNOWN error code: " + text(afterDelete));
    }

    /**
     * {@code --format v2s2} converts the OCI manifest into a Docker schema 2 manifest. For gzip layers
     * this only rewrites media types (no layer is decompressed), so the layers keep their digests.
     */
    @Test
    void pushWithConversionToDockerSchema2() throws IOException {
        OciLayout image = OciLayout.write(work.resolve("source-v2s2"), "v1", new Random(7));
        String ref = "docker://" + registry.authority() + "/e2e/docker:v2s2";

        skopeo.run("copy", "--format", "v2s2", "--dest-tls-verify=false", "oci:" + image.layout() + ":v1", ref);

        HttpResponse<byte[]> served = client.get("/v2/e2e/docker/manifests/v2s2",
                "Accept", ImageFixtures.DOCKER_MANIFEST + ", " + ImageFixtures.OCI_MANIFEST);
        assertEquals(200, served.statusCode(), () -> text(served));
        assertEquals(ImageFixtures.DOCKER_MANIFEST, header(served, "Content-Type"), () -> text(served));
        assertEquals(Digest.sha256(served.body()).toString(), header(served, "Docker-Content-Digest"));
        Map<?, ?> manifest = (Map<?, ?>) JsonReader.parse(served.body());
        assertEquals(ImageFixtures.DOCKER_MANIFEST, manifest.get("mediaType"));
        List<String> layerDigests = new ArrayList<>();
        for (Object layer : (List<?>) manifest.get("layers")) {
            Map<?, ?> descriptor = (Map<?, ?>) layer;
            assertEquals(ImageFixtures.DOCKER_LAYER_GZIP, descriptor.get("mediaType"));
            layerDigests.add((String) descriptor.get("digest"));
        }
        assertEquals(image.layers().stream().map(l -> l.digest().toString()).toList(), layerDigests);

        // every blob it references is served with the bytes the layout holds
        for (Layer layer : image.layers()) {
            HttpResponse<byte[]> blob = client.get("/v2/e2e/docker/blobs/" + layer.digest());
            assertEquals(200, blob.statusCode(), () -> "GET blob " + layer.digest() + ": " + text(blob));
            assertArrayEquals(layer.gzipped(), blob.body());
        }
        String configDigest = (String) ((Map<?, ?>) manifest.get("config")).get("digest");
        HttpResponse<byte[]> config = client.get("/v2/e2e/docker/blobs/" + configDigest);
        assertEquals(200, config.statusCode(), () -> text(config));
        assertEquals(configDigest, Digest.sha256(config.body()).toString());

        // and skopeo reads it back as the same image
        ExternalProcess.Result inspect = skopeo.run("inspect", "--tls-verify=false", ref);
        Map<?, ?> json = (Map<?, ?>) JsonReader.parse(inspect.stdout());
        assertEquals(header(served, "Docker-Content-Digest"), json.get("Digest"), inspect::describe);
        assertEquals(layerDigests, json.get("Layers"), inspect::describe);
    }

    // ---- helpers -----------------------------------------------------------------------------

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
