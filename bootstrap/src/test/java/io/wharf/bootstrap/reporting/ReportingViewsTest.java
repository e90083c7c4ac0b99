package io.wharf.bootstrap.reporting;

import io.wharf.bootstrap.testing.RegistryClient;
import io.wharf.bootstrap.testing.RunningRegistry;
import io.wharf.domain.model.Digest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.wharf.bootstrap.testing.RegistryClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reporting views of docs/sql-reporting.md, queried with plain JDBC on a catalog the real registry
 * filled through its HTTP API: two repositories sharing a layer (one by mount), tags, a manifest pushed
 * by digest only, an index, and a referrer. Each query of the cookbook runs here; its output is printed
 * as the cookbook shows it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ReportingViewsTest {
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    private static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final String SBOM = "application/vnd.example.sbom.v1+json";

    private Path dir;
    private RunningRegistry registry;
    private Connection sql;

    private final byte[] shared = bytes("shared base layer ".repeat(100));
    private final byte[] webOnly = bytes("web layer ".repeat(40));
    private final byte[] apiOnly = bytes("api layer ".repeat(20));
    private Digest webManifest;

    @BeforeAll
    void fill() throws IOException, SQLException {
        dir = Files.createTempDirectory("wharf-reporting");
        int postgres = RunningRegistry.freePort();
        registry = RunningRegistry.start(Files.createDirectories(dir.resolve("registry")),
                Map.of("catalog.postgres.embedded-port", Integer.toString(postgres)));
        RegistryClient client = new RegistryClient(registry.baseUri());

        String web = manifestBody(client, "app/web", shared, webOnly, "{\"app\":\"web\"}", "");
        webManifest = Digest.sha256(bytes(web));
        putManifest(client, "app/web", "v1", OCI_MANIFEST, web);
        String rebuilt = manifestBody(client, "app/web", shared, webOnly, "{\"app\":\"web\"}",
                ",\"annotations\":{\"built\":\"again\"}");
        putManifest(client, "app/web", Digest.sha256(bytes(rebuilt)).toString(), OCI_MANIFEST, rebuilt);

        HttpResponse<byte[]> mount = client.send("POST", "/v2/app/api/blobs/uploads/?mount=" + Digest.sha256(shared)
                + "&from=app/web", null);
        assertEquals(201, mount.statusCode(), () -> text(mount));
        String api = manifestBody(client, "app/api", shared, apiOnly, "{\"app\":\"api\"}", "");
        putManifest(client, "app/api", "v1", OCI_MANIFEST, api);
        putManifest(client, "app/api", "v2", OCI_MANIFEST, api);
        putManifest(client, "app/api", "multi", OCI_INDEX, "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX
                + "\",\"manifests\":[{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + Digest.sha256(bytes(api))
                + "\",\"size\":" + bytes(api).length + "}]}");

        byte[] empty = bytes("{}");
        client.pushBlob("app/web", empty);
        byte[] sbom = bytes("{\"sbom\":true}");
        client.pushBlob("app/web", sbom);
        String referrer = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"artifactType\":\"" + SBOM
                + "\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\""
                + Digest.sha256(empty) + "\",\"size\":2},\"layers\":[{\"mediaType\":\"application/json\",\"digest\":\""
                + Digest.sha256(sbom) + "\",\"size\":" + sbom.length + "}],\"subject\":{\"mediaType\":\"" + OCI_MANIFEST
                + "\",\"digest\":\"" + webManifest + "\",\"size\":" + bytes(web).length + "}}";
        putManifest(client, "app/web", Digest.sha256(bytes(referrer)).toString(), OCI_MANIFEST, referrer);

        for (String pulled : List.of("/v2/app/web/manifests/v1", "/v2/app/api/manifests/v1")) {
            HttpResponse<byte[]> pull = client.get(pulled, "Accept", OCI_MANIFEST);
            assertEquals(200, pull.statusCode(), () -> text(pull));
        }
        // pull times reach the catalog in batches; stopping the registry writes the last one
        registry.restart();

        sql = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres + "/postgres", "postgres", "");
    }

    @AfterAll
    void stop() throws Exception {
        if (sql != null) {
            sql.close();
        }
        if (registry != null) {
            registry.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String manifestBody(RegistryClient client, String repository, byte[] base, byte[] own,
                                       String config, String annotations) {
        byte[] configBytes = bytes(config);
        client.pushBlob(repository, configBytes);
        client.pushBlob(repository, base);
        client.pushBlob(repository, own);
        return "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":\"" + CONFIG
                + "\",\"digest\":\"" + Digest.sha256(configBytes) + "\",\"size\":" + configBytes.length
                + "},\"layers\":[" + layer(base) + "," + layer(own) + "]" + annotations + "}";
    }

    private static String layer(byte[] content) {
        return "{\"mediaType\":\"" + LAYER + "\",\"digest\":\"" + Digest.sha256(content) + "\",\"size\":"
                + content.length + "}";
    }

    private static void putManifest(RegistryClient client, String repository, String reference, String type,
                                    String body) {
        HttpResponse<byte[]> put = client.putManifest(repository, reference, type, body);
        assertEquals(201, put.statusCode(), () -> text(put));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs a query of the cookbook, prints it as psql would, and returns its rows. */
    private List<Map<String, Object>> query(String query) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement statement = sql.createStatement(); ResultSet result = statement.executeQuery(query)) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = result.getObject(i);
                    row.put(meta.getColumnLabel(i), value instanceof Array array
                            ? Arrays.asList((Object[]) array.getArray()) : value);
                }
                rows.add(row);
            }
        }
        System.out.println("=> " + query);
        rows.forEach(r -> System.out.println("   " + r));
        return rows;
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    @Test
    void repositorySizesCountSharedLayersOnceForTheRegistry() throws SQLException {
        List<Map<String, Object>> sizes = query("SELECT repository, manifests, tags, blobs, logical_bytes, "
                + "exclusive_bytes FROM report_repository_size ORDER BY logical_bytes DESC");
        Map<String, Object> web = sizes.stream().filter(r -> r.get("repository").equals("app/web")).findFirst().orElseThrow();
        Map<String, Object> api = sizes.stream().filter(r -> r.get("repository").equals("app/api")).findFirst().orElseThrow();
        long webLogical = shared.length + webOnly.length + "{\"app\":\"web\"}".length() + 2 + "{\"sbom\":true}".length();
        assertEquals(webLogical, number(web, "logical_bytes"));
        assertEquals(webLogical - shared.length, number(web, "exclusive_bytes"), "the shared layer is not web's alone");
        assertEquals(3, number(web, "manifests"), "v1, the one pushed by digest, the referrer");
        assertEquals(1, number(web, "tags"));
        assertEquals(3, number(api, "tags"));
        assertEquals(5, number(web, "blobs"));

        Map<String, Object> total = query("SELECT stored_bytes, logical_bytes, "
                + "round(100.0 * (logical_bytes - stored_bytes) / logical_bytes, 1) AS saved_percent "
                + "FROM report_storage_total").getFirst();
        assertEquals(shared.length, number(total, "logical_bytes") - number(total, "stored_bytes"),
                "the shared layer is stored once");
    }

    @Test
    void tagsUntaggedManifestsAndReferrers() throws SQLException {
        List<Map<String, Object>> tags = query("SELECT repository, tag, media_type, manifest_bytes, "
                + "age < interval '1 hour' AS recent FROM report_tag ORDER BY repository, tag");
        assertEquals(List.of("app/api:multi", "app/api:v1", "app/api:v2", "app/web:v1"),
                tags.stream().map(r -> r.get("repository") + ":" + r.get("tag")).toList());
        assertTrue(tags.stream().allMatch(r -> Boolean.TRUE.equals(r.get("recent"))));

        List<Map<String, Object>> untagged = query("SELECT repository, digest, referrer FROM report_untagged_manifest "
                + "ORDER BY referrer, repository");
        assertEquals(2, untagged.size(), "the manifest pushed by digest, and the referrer");
        assertEquals(List.of(false, true), untagged.stream().map(r -> r.get("referrer")).toList());

        List<Map<String, Object>> referrers = query("SELECT repository, subject, artifact_type, referrers "
                + "FROM report_referrers ORDER BY repository, subject");
        assertEquals(1, referrers.size());
        assertEquals(webManifest.toString(), referrers.getFirst().get("subject"));
        assertEquals(SBOM, referrers.getFirst().get("artifact_type"));
    }

    @Test
    void tagsShowWhenTheirManifestWasLastPulled() throws SQLException {
        List<Map<String, Object>> tags = query("SELECT repository, tag, media_type, manifest_bytes, "
                + "age < interval '1 hour' AS recent, last_pulled_at FROM report_tag ORDER BY repository, tag");
        // app/api:v2 names the manifest pulled as app/api:v1; the index behind app/api:multi was never pulled
        assertEquals(List.of("app/api:multi false", "app/api:v1 true", "app/api:v2 true", "app/web:v1 true"),
                tags.stream().map(r -> r.get("repository") + ":" + r.get("tag") + " " + (r.get("last_pulled_at") != null))
                        .toList());
        assertEquals(tags.get(1).get("last_pulled_at"), tags.get(2).get("last_pulled_at"));

        List<Map<String, Object>> stale = query("SELECT repository, tag, tagged_at, last_pulled_at FROM report_tag "
                + "WHERE coalesce(last_pulled_at, tagged_at) < now() - interval '90 days' "
                + "ORDER BY coalesce(last_pulled_at, tagged_at)");
        assertEquals(List.of(), stale, "everything was pushed or pulled a moment ago");
    }

    @Test
    void largestBlobsWithTheRepositoriesThatShareThem() throws SQLException {
        List<Map<String, Object>> largest = query("SELECT digest, size, repositories, repository_names "
                + "FROM report_blob_sharing ORDER BY size DESC LIMIT 3");
        assertEquals(Digest.sha256(shared).toString(), largest.getFirst().get("digest"));
        assertEquals(2, number(largest.getFirst(), "repositories"));
        assertEquals(List.of("app/api", "app/web"), largest.getFirst().get("repository_names"));
    }

    @Test
    void pushesPerDay() throws SQLException {
        List<Map<String, Object>> days = query("SELECT day, manifests, blob_links, blob_bytes FROM report_pushes_per_day "
                + "ORDER BY day DESC");
        assertEquals(1, days.size(), "everything was pushed today");
        Map<String, Object> total = query("SELECT manifests FROM report_storage_total").getFirst();
        assertEquals(number(total, "manifests"), number(days.getFirst(), "manifests"));
        assertEquals(number(query("SELECT count(*) AS links FROM repository_blob").getFirst(), "links"),
                number(days.getFirst(), "blob_links"));
    }
}
