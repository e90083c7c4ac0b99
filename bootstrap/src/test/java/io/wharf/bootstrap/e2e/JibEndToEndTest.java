package io.wharf.bootstrap.e2e;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.wharf.bootstrap.testing.RegistryClient.header;
import static io.wharf.bootstrap.testing.RegistryClient.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jib (Google's image builder, its own registry client) builds on a base image stored in the real
 * registry, pushes the result, and pulls it back. Jib talks to the registry through a recording
 * TCP proxy so the test can tell a cross-repository mount from a full upload.
 */
@Timeout(120)
class JibEndToEndTest {
    private static final String ACCEPT = ImageFixtures.DOCKER_MANIFEST + ", " + ImageFixtures.OCI_MANIFEST;

    private static Path work;
    private static RunningRegistry registry;
    private static RegistryClient client;
    private static RecordingProxy proxy;

    @BeforeAll
    static void start() throws IOException {
        work = Files.createTempDirectory("wharf-jib-e2e");
        registry = RunningRegistry.start(Files.createDirectories(work.resolve("registry")));
        client = new RegistryClient(registry.baseUri());
        proxy = RecordingProxy.to("127.0.0.1", registry.baseUri().getPort());
    }

    @AfterAll
    static void stop() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (work != null) {
            SkopeoEndToEndTest.deleteRecursively(work);
        }
    }

    @Test
    void buildsOnABaseImageInTheRegistryPushesAndPullsBack() throws Exception {
        // a base image: two gzip tar layers (one ~1.5 MiB of incompressible data) and a Docker v2.2 manifest
        Random random = new Random(2024);
        Map<String, byte[]> osFiles = new LinkedHashMap<>();
        osFiles.put("etc/", new byte[0]);
        osFiles.put("etc/os-release", "ID=wharf\nNAME=\"Wharf test OS\"\n".getBytes(StandardCharsets.US_ASCII));
        osFiles.put("usr/", new byte[0]);
        osFiles.put("usr/lib/", new byte[0]);
        osFiles.put("usr/lib/runtime.bin", ImageFixtures.randomBytes(random, 1536 * 1024));
        Map<String, byte[]> toolFiles = new LinkedHashMap<>();
        toolFiles.put("usr/", new byte[0]);
        toolFiles.put("usr/bin/", new byte[0]);
        toolFiles.put("usr/bin/tool", ImageFixtures.randomBytes(random, 40 * 1024));
        List<Layer> baseLayers = List.of(Layer.of(osFiles), Layer.of(toolFiles));
        byte[] baseConfig = ImageFixtures.config(baseLayers, "PATH=/usr/bin:/bin", "RUNTIME=wharf");
        List<byte[]> baseBlobs = baseLayers.stream().map(Layer::gzipped).toList();
        for (byte[] blob : baseBlobs) {
            client.pushBlob("base/runtime", blob);
        }
        client.pushBlob("base/runtime", baseConfig);
        byte[] baseManifest = ImageFixtures.manifest(ImageFixtures.DOCKER_MANIFEST, ImageFixtures.DOCKER_CONFIG,
                baseConfig, ImageFixtures.DOCKER_LAYER_GZIP, baseBlobs);
        HttpResponse<byte[]> put = client.putManifest("base/runtime", "1", ImageFixtures.DOCKER_MANIFEST,
                new String(baseManifest, StandardCharsets.UTF_8));
        assertEquals(201, put.statusCode(), () -> "PUT base manifest: " + text(put));

        // the application's files
        Path appDir = Files.createDirectories(work.resolve("app-src"));
        Path hello = Files.writeString(appDir.resolve("hello.txt"), "hello from wharf\n");
        Path run = Files.writeString(appDir.resolve("run.sh"), "#!/bin/sh\ncat /app/hello.txt\n");

        // build and push through the recording proxy
        List<String> log = new CopyOnWriteArrayList<>();
        proxy.reset();
        long started = System.nanoTime();
        JibContainer container = Jib.from(RegistryImage.named(proxy.authority() + "/base/runtime:1"))
                .addLayer(List.of(hello, run), AbsoluteUnixPath.get("/app"))
                .setEntrypoint("/bin/sh", "/app/run.sh")
                .containerize(containerizer(Containerizer.to(RegistryImage.named(proxy.authority() + "/app/jib:1")),
                        "push", log));
        long pushMillis = (System.nanoTime() - started) / 1_000_000;
        List<String> requests = proxy.requests();
        long uploaded = proxy.bytesSent();
        String diagnostics = "\nJib requests:\n  " + String.join("\n  ", requests) + "\nbytes sent by Jib: " + uploaded
                + "\nJib log:\n  " + String.join("\n  ", log);

        // the digest Jib computed is the one the registry serves for the tag
        HttpResponse<byte[]> manifestResponse = client.get("/v2/app/jib/manifests/1", "Accept", ACCEPT);
        assertEquals(200, manifestResponse.statusCode(), () -> text(manifestResponse) + diagnostics);
        assertEquals(container.getDigest().toString(), header(manifestResponse, "Docker-Content-Digest"), diagnostics);
        assertEquals(container.getDigest().toString(), Digest.sha256(manifestResponse.body()).toString(), diagnostics);
        HttpResponse<byte[]> byDigest = client.get("/v2/app/jib/manifests/" + container.getDigest(), "Accept", ACCEPT);
        assertEquals(200, byDigest.statusCode(), () -> text(byDigest));
        assertArrayEquals(manifestResponse.body(), byDigest.body());

        Map<?, ?> manifest = (Map<?, ?>) JsonReader.parse(manifestResponse.body());
        List<String> layerDigests = new ArrayList<>();
        for (Object layer : (List<?>) manifest.get("layers")) {
            layerDigests.add((String) ((Map<?, ?>) layer).get("digest"));
        }
        assertEquals(baseLayers.size() + 1, layerDigests.size(), () -> text(manifestResponse));
        for (int i = 0; i < baseLayers.size(); i++) {
            assertEquals(baseLayers.get(i).digest().toString(), layerDigests.get(i), "base layer " + i + " reused as is");
        }
        String appLayerDigest = layerDigests.get(layerDigests.size() - 1);

        // every layer, base ones included, is now a blob of app/jib
        for (String digest : layerDigests) {
            HttpResponse<byte[]> head = client.head("/v2/app/jib/blobs/" + digest);
            assertEquals(200, head.statusCode(), () -> "HEAD /v2/app/jib/blobs/" + digest + diagnostics);
        }

        // the base layers came by cross-repository mount, not by upload
        for (Layer layer : baseLayers) {
            String mount = "POST /v2/app/jib/blobs/uploads/?mount=" + layer.digest() + "&from=base/runtime";
            assertTrue(requests.contains(mount), () -> "Jib should have asked to mount " + layer.digest() + diagnostics);
            assertTrue(requests.stream().noneMatch(r -> r.startsWith("PUT ") && r.endsWith("digest=" + layer.digest())),
                    () -> "base layer " + layer.digest() + " was uploaded instead of mounted (201 expected for"
                            + " POST ?mount=&from= on a blob of base/runtime)" + diagnostics);
        }
        long biggestBaseLayer = baseLayers.stream().mapToLong(l -> l.gzipped().length).max().orElseThrow();
        assertTrue(uploaded < biggestBaseLayer,
                () -> "Jib sent " + uploaded + " bytes, at least as much as the " + biggestBaseLayer
                        + "-byte base layer: the mount was not honoured (201 expected for POST ?mount=&from=)" + diagnostics);

        // the image config: base diff_ids, then the application layer; the entrypoint set
        String configDigest = (String) ((Map<?, ?>) manifest.get("config")).get("digest");
        HttpResponse<byte[]> configResponse = client.get("/v2/app/jib/blobs/" + configDigest);
        assertEquals(200, configResponse.statusCode(), () -> text(configResponse));
        Map<?, ?> config = (Map<?, ?>) JsonReader.parse(configResponse.body());
        assertEquals("amd64", config.get("architecture"));
        assertEquals("linux", config.get("os"));
        List<?> diffIds = (List<?>) ((Map<?, ?>) config.get("rootfs")).get("diff_ids");
        assertEquals(baseLayers.get(0).diffId().toString(), diffIds.get(0));
        assertEquals(baseLayers.get(1).diffId().toString(), diffIds.get(1));
        assertEquals(List.of("/bin/sh", "/app/run.sh"), ((Map<?, ?>) config.get("config")).get("Entrypoint"));

        // pull back with Jib (direct, fresh caches) into a docker-load tarball
        Path tarball = work.resolve("pulled.tar");
        started = System.nanoTime();
        List<String> pullLog = new CopyOnWriteArrayList<>();
        JibContainer pulled = Jib.from(RegistryImage.named(registry.authority() + "/app/jib:1"))
                .containerize(containerizer(Containerizer.to(TarImage.at(tarball).named("x")), "pull", pullLog));
        long pullMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(Files.isRegularFile(tarball), "the tarball exists");

        Map<String, byte[]> entries = ImageFixtures.untar(Files.readAllBytes(tarball));
        byte[] dockerManifest = entries.get("manifest.json");
        assertNotNull(dockerManifest, () -> "manifest.json in the tarball; entries " + entries.keySet());
        Map<?, ?> loadManifest = (Map<?, ?>) ((List<?>) JsonReader.parse(dockerManifest)).get(0);
        List<?> tarLayers = (List<?>) loadManifest.get("Layers");
        assertEquals(layerDigests.size(), tarLayers.size(), () -> new String(dockerManifest, StandardCharsets.UTF_8));
        List<String> tarLayerDigests = new ArrayList<>();
        Map<String, byte[]> appLayerFiles = null;
        for (Object name : tarLayers) {
            byte[] layer = entries.get((String) name);
            assertNotNull(layer, "layer " + name + " in the tarball");
            String digest = Digest.sha256(layer).toString();
            tarLayerDigests.add(digest);
            if (digest.equals(appLayerDigest)) {
                appLayerFiles = normalise(ImageFixtures.untar(ImageFixtures.gunzip(layer)));
            }
        }
        assertEquals(layerDigests, tarLayerDigests, "the tarball's layers are the registry's blobs, byte for byte");
        assertNotNull(appLayerFiles, "the application layer is in the tarball");
        assertArrayEquals(Files.readAllBytes(hello), appLayerFiles.get("app/hello.txt"),
                () -> "app/hello.txt in the application layer; entries " + entries.keySet());
        assertArrayEquals(Files.readAllBytes(run), appLayerFiles.get("app/run.sh"));
        assertEquals(container.getImageId(), pulled.getImageId(), "the same image config after the round trip");

        System.out.printf("Jib e2e: build+push %d ms (%d bytes sent, %d requests), pull to tar %d ms%n  %s%n",
                pushMillis, uploaded, requests.size(), pullMillis, String.join("\n  ", requests));
    }

    private Containerizer containerizer(Containerizer containerizer, String name, List<String> log) throws IOException {
        return containerizer
                .setAllowInsecureRegistries(true)
                .setBaseImageLayersCache(Files.createDirectories(work.resolve("cache-" + name + "/base")))
                .setApplicationLayersCache(Files.createDirectories(work.resolve("cache-" + name + "/app")))
                .setToolName("wharf-e2e")
                .addEventHandler(LogEvent.class, event -> log.add(event.getLevel() + " " + event.getMessage()));
    }

    private static Map<String, byte[]> normalise(Map<String, byte[]> entries) {
        Map<String, byte[]> normalised = new LinkedHashMap<>();
        entries.forEach((name, content) -> {
            String clean = name;
            while (clean.startsWith("/") || clean.startsWith("./")) {
                clean = clean.substring(clean.startsWith("/") ? 1 : 2);
            }
            normalised.put(clean, content);
        });
        return normalised;
    }
}
