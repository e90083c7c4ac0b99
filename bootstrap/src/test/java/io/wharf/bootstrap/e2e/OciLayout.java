package io.wharf.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.bootstrap.e2e.ImageFixtures.Layer;
import io.wharf.domain.json.JsonReader;
import io.wharf.domain.model.Digest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * An image the test writes itself as an OCI image layout (what skopeo reads with {@code oci:DIR:TAG}),
 * so every byte the registry should hand back is known.
 */
record OciLayout(Path layout, byte[] manifest, byte[] config, List<Layer> layers) {

    Digest manifestDigest() {
        return Digest.sha256(manifest);
    }

    /** Four gzip tar layers (~1 MiB, 2 MiB, 300 KiB and 5 bytes of content), tagged {@code tag}. */
    static OciLayout write(Path layout, String tag, Random random) throws IOException {
        return write(layout, tag, List.of(
                Layer.of(files("data/one.bin", ImageFixtures.randomBytes(random, 1 << 20))),
                Layer.of(files("data/two.bin", ImageFixtures.randomBytes(random, 2 << 20))),
                Layer.of(files("data/three.bin", ImageFixtures.randomBytes(random, 300 * 1024))),
                Layer.of(files("etc/motd", "hello".getBytes(StandardCharsets.US_ASCII)))));
    }

    static OciLayout write(Path layout, String tag, List<Layer> layers) throws IOException {
        byte[] config = ImageFixtures.config(layers, "PATH=/usr/bin:/bin");
        byte[] manifest = ImageFixtures.manifest(ImageFixtures.OCI_MANIFEST, ImageFixtures.OCI_CONFIG, config,
                ImageFixtures.OCI_LAYER_GZIP, layers.stream().map(Layer::gzipped).toList());
        Path blobs = Files.createDirectories(layout.resolve("blobs/sha256"));
        for (Layer layer : layers) {
            Files.write(blobs.resolve(layer.digest().hex()), layer.gzipped());
        }
        Files.write(blobs.resolve(Digest.sha256(config).hex()), config);
        Files.write(blobs.resolve(Digest.sha256(manifest).hex()), manifest);
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
                + ImageFixtures.OCI_MANIFEST + "\",\"digest\":\"" + Digest.sha256(manifest) + "\",\"size\":"
                + manifest.length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}]}");
        return new OciLayout(layout, manifest, config, layers);
    }

    /** One file in a tar layer, with its top directory first. */
    static Map<String, byte[]> files(String path, byte[] content) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(path.substring(0, path.indexOf('/') + 1), new byte[0]);
        files.put(path, content);
        return files;
    }

    /** The manifest digest {@code tag} points at in the layout at {@code layout}. */
    static Digest taggedManifest(Path layout, String tag) throws IOException {
        Map<?, ?> index = (Map<?, ?>) JsonReader.parse(Files.readAllBytes(layout.resolve("index.json")));
        for (Object entry : (List<?>) index.get("manifests")) {
            Map<?, ?> descriptor = (Map<?, ?>) entry;
            Object annotations = descriptor.get("annotations");
            if (annotations instanceof Map<?, ?> map && tag.equals(map.get("org.opencontainers.image.ref.name"))) {
                return Digest.parse((String) descriptor.get("digest"));
            }
        }
        throw new AssertionError("no manifest tagged " + tag + " in " + Files.readString(layout.resolve("index.json")));
    }

    /** The bytes of blob {@code digest} in the layout at {@code layout}. */
    static byte[] blob(Path layout, Digest digest) throws IOException {
        Path file = layout.resolve("blobs").resolve(digest.algorithm().prefix()).resolve(digest.hex());
        assertTrue(Files.isRegularFile(file), () -> "missing blob " + digest + " in " + layout);
        return Files.readAllBytes(file);
    }
}
