package io.wharf.http;

import io.wharf.domain.event.Origin;
import io.wharf.domain.model.Descriptor;
import io.wharf.domain.model.Digest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server on port 0 with in-test fakes: statuses, headers and bodies as a client sees them. */
class RegistryHttpServerTest {
    static final String JSON = "application/json";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    static InTestFakes.Blobs blobs = new InTestFakes.Blobs();
    static InTestFakes.Uploads uploads = new InTestFakes.Uploads();
    static InTestFakes.ManifestStore manifests = new InTestFakes.ManifestStore();
    static InTestFakes.Listing listings = new InTestFakes.Listing();
    static RegistryHttpServer server;
    static HttpClient client;

    @BeforeAll
    static void start() {
        server = RegistryHttpServer.builder()
                .blobUploads(uploads).blobReads(blobs).manifests(manifests).listings(listings)
                .host("127.0.0.1").port(0).maxPageSize(2)
                .start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void version_check() throws Exception {
        HttpResponse<String> r = send("GET", "/v2/", null);
        assertEquals(200, r.statusCode());
        assertEquals("{}", r.body());
        assertEquals("registry/2.0", header(r, "Docker-Distribution-API-Version"));
    }

    @Test
    void blob_of_3_mib_streams_byte_identical_with_content_length() throws Exception {
        byte[] bytes = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(bytes);
        Digest digest = blobs.add(bytes);
        HttpResponse<byte[]> r = client.send(request("GET", "/v2/lib/app/blobs/" + digest, null).build(),
                BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertArrayEquals(bytes, r.body());
        assertEquals(String.valueOf(bytes.length), header(r, "Content-Length"));
        assertTrue(r.headers().firstValue("Transfer-Encoding").isEmpty());
        assertEquals(digest.toString(), header(r, "Docker-Content-Digest"));
        assertEquals("application/octet-stream", header(r, "Content-Type"));
        assertEquals("bytes", header(r, "Accept-Ranges"));
        assertEquals("registry/2.0", header(r, "Docker-Distribution-API-Version"));
    }

    @Test
    void blob_ranges() throws Exception {
        byte[] bytes = "0123456789".getBytes(StandardCharsets.US_ASCII);
        Digest digest = blobs.add(bytes);
        String path = "/v2/lib/app/blobs/" + digest;

        HttpResponse<String> closed = send(request("GET", path, null).header("Range", "bytes=2-4"));
        assertEquals(206, closed.statusCode());
        assertEquals("234", closed.body());
        assertEquals("bytes 2-4/10", header(closed, "Content-Range"));
        assertEquals("3", header(closed, "Content-Length"));

        HttpResponse<String> open = send(request("GET", path, null).header("Range", "bytes=7-"));
        assertEquals("789", open.body());
        assertEquals("bytes 7-9/10", header(open, "Content-Range"));

        HttpResponse<String> suffix = send(request("GET", path, null).header("Range", "bytes=-4"));
        assertEquals("6789", suffix.body());
        assertEquals("bytes 6-9/10", header(suffix, "Content-Range"));

        HttpResponse<String> past = send(request("GET", path, null).header("Range", "bytes=10-20"));
        assertEquals(416, past.statusCode());
        assertEquals("bytes */10", header(past, "Content-Range"));

        HttpResponse<String> multi = send(request("GET", path, null).header("Range", "bytes=0-1,4-5"));
        assertEquals(200, multi.statusCode());
        assertEquals("0123456789", multi.body());
    }

    @Test
    void events_learn_the_request_they_came_from() throws Exception {
        String manifest = "{\"schemaVersion\":2}";
        send(request("PUT", "/v2/lib/app/manifests/origin", manifest)
                .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .header("X-Request-Id", "req-42").header("User-Agent", "origin-test/1.0"));
        Origin pushed = manifests.lastOrigin;
        assertEquals("req-42", pushed.requestId());
        assertEquals("origin-test/1.0", pushed.userAgent());
        assertEquals("PUT", pushed.method());
        assertEquals("", pushed.actor(), "no access control: nobody signed in");
        assertTrue(pushed.remoteAddress().startsWith("127.0.0.1:"), pushed.remoteAddress());
        assertTrue(pushed.host().startsWith("127.0.0.1:"), pushed.host());

        send(request("GET", "/v2/lib/app/manifests/origin", null).header("X-Request-Id", "not a token!"));
        Origin pulled = manifests.lastOrigin;
        assertEquals("GET", pulled.method());
        assertTrue(pulled.requestId().matches("[0-9a-f-]{36}"), "a request id that is not a plain token is replaced: "
                + pulled.requestId());
    }

    @Test
    void blob_head_does_not_open_the_stream() throws Exception {
        Digest digest = blobs.add("head me".getBytes(StandardCharsets.US_ASCII));
        int opens = blobs.opens.get();
        HttpResponse<String> r = send("HEAD", "/v2/lib/app/blobs/" + digest, null);
        assertEquals(200, r.statusCode());
        assertEquals("7", header(r, "Content-Length"));
        assertEquals(digest.toString(), header(r, "Docker-Content-Digest"));
        assertEquals("", r.body());
        assertEquals(opens, blobs.opens.get());
    }

    @Test
    void registry_exception_becomes_spec_json_error() throws Exception {
        HttpResponse<String> r = send("GET", "/v2/lib/app/blobs/" + Digest.sha256(new byte[] {9, 9}), null);
        assertEquals(404, r.statusCode());
        assertEquals(JSON, header(r, "Content-Type"));
        assertTrue(r.body().startsWith("{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":"), r.body());
        assertEquals("registry/2.0", header(r, "Docker-Distribution-API-Version"));
    }

    @Test
    void unexpected_exception_is_500_without_details() throws Exception {
        Digest digest = Digest.sha256("explodes".getBytes(StandardCharsets.US_ASCII));
        blobs.exploding = digest;
        HttpResponse<String> r = send("GET", "/v2/lib/app/blobs/" + digest, null);
        assertEquals(500, r.statusCode());
        assertEquals(JSON, header(r, "Content-Type"));
        assertTrue(r.body().contains("\"code\":\"UNKNOWN\""), r.body());
        assertFalse(r.body().contains(InTestFakes.BOOM), r.body());
        assertFalse(r.body().contains("Exception"), r.body());
        assertFalse(r.body().contains("at io."), r.body());
    }

    @Test
    void client_mistakes_in_paths_are_4xx() throws Exception {
        HttpResponse<String> digest = send("GET", "/v2/x/manifests/sha256:totallywrong", null);
        assertEquals(400, digest.statusCode());
        assertTrue(digest.body().contains("DIGEST_INVALID"));
        HttpResponse<String> name = send("GET", "/v2/Bad_Name/tags/list", null);
        assertEquals(400, name.statusCode());
        assertTrue(name.body().contains("NAME_INVALID"));
        HttpResponse<String> upload = send("GET", "/v2/x/blobs/uploads/nope", null);
        assertEquals(404, upload.statusCode());
        assertTrue(upload.body().contains("BLOB_UPLOAD_UNKNOWN"));
        HttpResponse<String> unknown = send("GET", "/v2/x/nothing/here", null);
        assertEquals(404, unknown.statusCode());
        assertEquals(JSON, header(unknown, "Content-Type"));
        HttpResponse<String> outside = send("GET", "/index.html", null);
        assertEquals(404, outside.statusCode());
        HttpResponse<String> method = send("POST", "/v2/x/tags/list", "");
        assertEquals(405, method.statusCode());
        assertTrue(method.body().contains("UNSUPPORTED"));
    }

    @Test
    void chunked_upload_flow() throws Exception {
        HttpResponse<String> started = send("POST", "/v2/lib/app/blobs/uploads/", "");
        assertEquals(202, started.statusCode());
        String location = header(started, "Location");
        assertEquals("/v2/lib/app/blobs/uploads/" + InTestFakes.SESSION, location);
        assertEquals("0-0", header(started, "Range"));
        assertEquals(InTestFakes.SESSION.toString(), header(started, "Docker-Upload-UUID"));
        assertEquals("0", header(started, "Content-Length"));

        HttpResponse<String> first = send(request("PATCH", location, "0123456789").header("Content-Range", "0-9"));
        assertEquals(202, first.statusCode());
        assertEquals("0-9", header(first, "Range"));
        assertEquals(location, header(first, "Location"));

        HttpResponse<String> overlap = send(request("PATCH", location, "xyz").header("Content-Range", "5-7"));
        assertEquals(416, overlap.statusCode());
        assertEquals("0-9", header(overlap, "Range"));
        assertEquals(location, header(overlap, "Location"));
        assertTrue(overlap.body().contains("BLOB_UPLOAD_INVALID"));

        HttpResponse<String> status = send("GET", location, null);
        assertEquals(204, status.statusCode());
        assertEquals("0-9", header(status, "Range"));

        HttpResponse<String> noDigest = send("PUT", location, "");
        assertEquals(400, noDigest.statusCode());
        assertTrue(noDigest.body().contains("DIGEST_INVALID"));

        Digest digest = Digest.sha256("0123456789ab".getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> done = send("PUT", location + "?digest=" + digest, "ab");
        assertEquals(201, done.statusCode());
        assertEquals("/v2/lib/app/blobs/" + digest, header(done, "Location"));
        assertEquals(digest.toString(), header(done, "Docker-Content-Digest"));

        assertEquals(204, send("DELETE", location, null).statusCode());
    }

    @Test
    void monolithic_upload_and_mount() throws Exception {
        byte[] bytes = "whole".getBytes(StandardCharsets.US_ASCII);
        Digest digest = Digest.sha256(bytes);
        HttpResponse<String> whole = send("POST", "/v2/lib/app/blobs/uploads/?digest=" + digest, "whole");
        assertEquals(201, whole.statusCode());
        assertEquals("/v2/lib/app/blobs/" + digest, header(whole, "Location"));

        HttpResponse<String> wrong = send("POST", "/v2/lib/app/blobs/uploads/?digest=" + digest, "other");
        assertEquals(400, wrong.statusCode());

        HttpResponse<String> mounted = send("POST", "/v2/lib/app/blobs/uploads/?mount=" + digest + "&from=lib/other", "");
        assertEquals(201, mounted.statusCode());
        assertEquals(digest.toString(), header(mounted, "Docker-Content-Digest"));

        HttpResponse<String> fallback = send("POST", "/v2/lib/app/blobs/uploads/?mount=" + digest + "&from=lib/none", "");
        assertEquals(202, fallback.statusCode());
        assertTrue(header(fallback, "Location").startsWith("/v2/lib/app/blobs/uploads/"));
    }

    @Test
    void manifest_push_and_pull_are_byte_exact() throws Exception {
        String payload = "{\"schemaVersion\":2,  \"mediaType\":\"" + OCI_MANIFEST + "\"}";
        Digest subject = Digest.sha256(new byte[] {1});
        manifests.subject = Optional.of(subject);
        HttpResponse<String> pushed = send(request("PUT", "/v2/lib/app/manifests/v1", payload)
                .header("Content-Type", OCI_MANIFEST + "; charset=utf-8"));
        manifests.subject = Optional.empty();
        Digest digest = Digest.sha256(payload.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, pushed.statusCode());
        assertEquals("/v2/lib/app/manifests/" + digest, header(pushed, "Location"));
        assertEquals(digest.toString(), header(pushed, "Docker-Content-Digest"));
        assertEquals(subject.toString(), header(pushed, "OCI-Subject"));
        assertEquals(OCI_MANIFEST, manifests.lastContentType);

        HttpResponse<String> got = send(request("GET", "/v2/lib/app/manifests/v1", null)
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json"));
        assertEquals(200, got.statusCode());
        assertEquals(payload, got.body());
        assertEquals(OCI_MANIFEST, header(got, "Content-Type"));
        assertEquals("\"" + digest + "\"", header(got, "ETag"));
        assertEquals(digest.toString(), header(got, "Docker-Content-Digest"));

        HttpResponse<String> head = send("HEAD", "/v2/lib/app/manifests/" + digest, null);
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(payload.length()), header(head, "Content-Length"));

        assertEquals(404, send("GET", "/v2/lib/app/manifests/nope", null).statusCode());
        assertEquals(202, send("DELETE", "/v2/lib/app/manifests/v1", null).statusCode());
    }

    @Test
    void oversized_manifest_is_413() throws Exception {
        String big = "x".repeat(4 * 1024 * 1024 + 1);
        HttpResponse<String> r = send(request("PUT", "/v2/lib/app/manifests/big", big).header("Content-Type", OCI_MANIFEST));
        assertEquals(413, r.statusCode());
        assertTrue(r.body().contains("MANIFEST_INVALID"), r.body());
    }

    @Test
    void tag_list_pages_with_link() throws Exception {
        HttpResponse<String> first = send("GET", "/v2/lib/app/tags/list", null);
        assertEquals(200, first.statusCode());
        assertEquals("{\"name\":\"lib/app\",\"tags\":[\"a\",\"b\"]}", first.body());
        assertEquals("</v2/lib/app/tags/list?n=2&last=b>; rel=\"next\"", header(first, "Link"));

        HttpResponse<String> last = send("GET", "/v2/lib/app/tags/list?n=5&last=c", null);
        assertEquals("{\"name\":\"lib/app\",\"tags\":[\"d\",\"e\"]}", last.body());
        assertTrue(last.headers().firstValue("Link").isEmpty());

        assertEquals("{\"name\":\"lib/app\",\"tags\":[]}", send("GET", "/v2/lib/app/tags/list?n=0", null).body());
        assertEquals(400, send("GET", "/v2/lib/app/tags/list?n=-1", null).statusCode());
        assertEquals(400, send("GET", "/v2/lib/app/tags/list?n=abc", null).statusCode());
        assertEquals(404, send("GET", "/v2/nope/tags/list", null).statusCode());

        HttpResponse<String> catalog = send("GET", "/v2/_catalog?n=1", null);
        assertEquals("{\"repositories\":[\"lib/app\"]}", catalog.body());
        assertEquals("</v2/_catalog?n=1&last=lib/app>; rel=\"next\"", header(catalog, "Link"));
    }

    @Test
    void referrers_index() throws Exception {
        Digest subject = Digest.sha256(new byte[] {2});
        Digest sbom = Digest.sha256(new byte[] {3});
        listings.referrers = List.of(new Descriptor(OCI_MANIFEST, sbom, 123, Optional.of("application/spdx+json"),
                Map.of("k", "v")));
        HttpResponse<String> all = send("GET", "/v2/lib/app/referrers/" + subject, null);
        assertEquals(200, all.statusCode());
        assertEquals("application/vnd.oci.image.index.v1+json", header(all, "Content-Type"));
        assertEquals("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + "{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + sbom + "\",\"size\":123,"
                + "\"artifactType\":\"application/spdx+json\",\"annotations\":{\"k\":\"v\"}}]}", all.body());
        assertTrue(all.headers().firstValue("OCI-Filters-Applied").isEmpty());

        HttpResponse<String> filtered = send("GET", "/v2/lib/app/referrers/" + subject + "?artifactType=other/type", null);
        assertEquals("artifactType", header(filtered, "OCI-Filters-Applied"));
        assertTrue(filtered.body().endsWith("\"manifests\":[]}"), filtered.body());
    }

    private static HttpRequest.Builder request(String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return send(request(method, path, body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " in " + r.headers().map()));
    }
}
