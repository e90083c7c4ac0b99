package io.wharf.bootstrap.api;

import io.wharf.bootstrap.testing.RegistryClient;
import io.wharf.bootstrap.testing.RunningRegistry;
import io.wharf.domain.json.JsonReader;
import io.wharf.domain.model.Digest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shared frame of the HTTP API tests: one real registry (filesystem storage, embedded
 * PostgreSQL) per test class, a client that checks the API-version header on every response,
 * and builders for blobs and manifests. Each test makes its own repositories, so tests do not
 * see each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RegistryApiTest {
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final AtomicInteger SEEDS = new AtomicInteger(1);

    RunningRegistry registry;
    RegistryClient client;
    Path dataDir;

    /** Extra registry settings for the class; none by default. */
    Map<String, String> settings() {
        return Map.of();
    }

    @BeforeAll
    void startRegistry() throws IOException {
        dataDir = Files.createTempDirectory("wharf-api-");
        registry = RunningRegistry.start(dataDir, settings());
        client = new RegistryClient(registry.baseUri());
    }

    @AfterAll
    void stopRegistry() throws IOException {
        try {
            if (registry != null) {
                registry.close();
            }
        } finally {
            deleteRecursively(dataDir);
        }
    }

    // ---- requests -------------------------------------------------------------------------

    /** Sends a request and checks what every response must carry. */
    HttpResponse<byte[]> send(String method, String pathAndQuery, byte[] body, String... headers) {
        HttpResponse<byte[]> response = client.send(method, pathAndQuery, body, headers);
        assertEquals("registry/2.0", header(response, "Docker-Distribution-API-Version"),
                () -> method + " " + pathAndQuery + " answered " + response.statusCode()
                        + " without Docker-Distribution-API-Version: registry/2.0");
        assertTrue(response.statusCode() < 500,
                () -> method + " " + pathAndQuery + " answered " + response.statusCode() + ": " + text(response));
        return response;
    }

    HttpResponse<byte[]> get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    HttpResponse<byte[]> head(String path, String... headers) {
        return send("HEAD", path, null, headers);
    }

    HttpResponse<byte[]> delete(String path) {
        return send("DELETE", path, null);
    }

    HttpResponse<byte[]> putManifest(String repository, String reference, String mediaType, byte[] json) {
        return send("PUT", "/v2/" + repository + "/manifests/" + reference, json, "Content-Type", mediaType);
    }

    HttpResponse<byte[]> putManifest(String repository, String reference, String mediaType, String json) {
        return putManifest(repository, reference, mediaType, utf8(json));
    }

    /** Pushes a blob monolithically and returns its digest. */
    Digest pushBlob(String repository, byte[] content) {
        Digest digest = Digest.sha256(content);
        HttpResponse<byte[]> response = send("POST", "/v2/" + repository + "/blobs/uploads/?digest=" + digest,
                content, "Content-Type", "application/octet-stream");
        assertStatus(201, response);
        return digest;
    }

    /** Opens an upload session and returns its Location. */
    String startUpload(String repository) {
        HttpResponse<byte[]> response = send("POST", "/v2/" + repository + "/blobs/uploads/", null);
        assertStatus(202, response);
        String location = header(response, "Location");
        assertNotNull(location, "202 without Location");
        return location;
    }

    static String withQuery(String location, String query) {
        return location + (location.contains("?") ? "&" : "?") + query;
    }

    // ---- names and content ----------------------------------------------------------------

    /** A repository name no other test uses. */
    static String repo(String hint) {
        return "api/" + hint + "-" + NAMES.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    /** Reproducible bytes that differ from call to call. */
    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(SEEDS.getAndIncrement() * 7919L + System.nanoTime()).nextBytes(bytes);
        return bytes;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(HttpResponse<byte[]> response) {
        return response.body() == null ? "" : new String(response.body(), StandardCharsets.UTF_8);
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    // ---- manifests --------------------------------------------------------------------------

    static String descriptor(String mediaType, Digest digest, long size) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
    }

    record Image(String json, Digest digest, Digest config, Digest layer) {
        byte[] bytes() {
            return utf8(json);
        }

        long size() {
            return bytes().length;
        }
    }

    /** Pushes a config and a layer and returns an OCI image manifest over them (not yet pushed). */
    Image ociImage(String repository) {
        return image(repository, OCI_MANIFEST, OCI_CONFIG, OCI_LAYER);
    }

    Image dockerImage(String repository) {
        return image(repository, DOCKER_MANIFEST, DOCKER_CONFIG, DOCKER_LAYER);
    }

    Image image(String repository, String mediaType, String configType, String layerType) {
        byte[] config = utf8("{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":\"" + randomHex() + "\"}");
        byte[] layer = randomBytes(300);
        Digest configDigest = pushBlob(repository, config);
        Digest layerDigest = pushBlob(repository, layer);
        String json = imageJson(mediaType, configType, configDigest, config.length, layerType, layerDigest,
                layer.length);
        return new Image(json, Digest.sha256(utf8(json)), configDigest, layerDigest);
    }

    static String imageJson(String mediaType, String configType, Digest config, long configSize, String layerType,
                            Digest layer, long layerSize) {
        return "{\n  \"schemaVersion\": 2,\n  \"mediaType\": \"" + mediaType + "\",\n  \"config\": "
                + descriptor(configType, config, configSize) + ",\n  \"layers\": ["
                + descriptor(layerType, layer, layerSize) + "]\n}\n";
    }

    static String randomHex() {
        return Digest.sha256(randomBytes(16)).hex().substring(0, 16);
    }

    // ---- assertions -------------------------------------------------------------------------

    static void assertStatus(int expected, HttpResponse<byte[]> response) {
        assertEquals(expected, response.statusCode(), () -> response.request().method() + " "
                + response.request().uri() + " -> " + response.statusCode() + " " + response.headers().map()
                + " " + text(response));
    }

    /** GET of a manifest asking for {@code accept}: 200, the stored media type and exactly the pushed bytes. */
    HttpResponse<byte[]> assertServesManifest(String name, String reference, String accept, String mediaType,
                                              byte[] payload) {
        HttpResponse<byte[]> get = get("/v2/" + name + "/manifests/" + reference, "Accept", accept);
        assertStatus(200, get);
        assertArrayEquals(payload, get.body(), "byte-exact by " + reference);
        assertEquals(mediaType, header(get, "Content-Type"));
        return get;
    }

    /** The spec's error body: {@code {"errors":[{"code":…,"message":…}]}}, one of them with {@code code}. */
    @SuppressWarnings("unchecked")
    static void assertError(HttpResponse<byte[]> response, int status, String code) {
        assertStatus(status, response);
        List<String> codes = errorCodes(response);
        assertTrue(codes.contains(code), () -> "expected error code " + code + " in " + text(response));
    }

    /** The codes of a spec error body; fails when the body is not one. */
    @SuppressWarnings("unchecked")
    static List<String> errorCodes(HttpResponse<byte[]> response) {
        String type = header(response, "Content-Type");
        assertTrue(type != null && type.startsWith("application/json"),
                () -> "error response Content-Type " + type + " for " + response.request().uri());
        Object parsed;
        try {
            parsed = JsonReader.parse(response.body());
        } catch (RuntimeException e) {
            throw new AssertionError("error body is not JSON: " + text(response), e);
        }
        if (!(parsed instanceof Map<?, ?> map) || !(map.get("errors") instanceof List<?> errors) || errors.isEmpty()) {
            fail("error body is not {\"errors\":[…]}: " + text(response));
            return List.of();
        }
        List<String> codes = new ArrayList<>();
        for (Object error : errors) {
            Map<String, Object> e = (Map<String, Object>) error;
            assertTrue(e.get("code") instanceof String, () -> "error without a code: " + text(response));
            codes.add((String) e.get("code"));
        }
        return codes;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(HttpResponse<byte[]> response) {
        return (Map<String, Object>) JsonReader.parse(response.body());
    }

    // ---- files ------------------------------------------------------------------------------

    Path storageRoot() {
        return dataDir.resolve("storage").resolve("docker/registry/v2");
    }

    /** Every blob data file in the storage, by distribution's layout. */
    List<Path> blobFiles(Digest digest) throws IOException {
        Path blobs = storageRoot().resolve("blobs");
        if (!Files.isDirectory(blobs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(blobs)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().contains(digest.hex()))
                    .toList();
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
