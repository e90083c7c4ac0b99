package io.wharf.bootstrap.api;

import io.wharf.domain.model.Digest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pushing blobs: end-4a, end-4b, end-5, end-6, end-11, end-13 and their error paths. */
class BlobPushTest extends RegistryApiTest {

    @Test
    void baseEndpointAnswers200WithTheApiVersion() {
        HttpResponse<byte[]> response = get("/v2/");
        assertStatus(200, response);
        assertEquals("registry/2.0", header(response, "Docker-Distribution-API-Version"));
        assertStatus(200, get("/v2"));
    }

    @Test
    void monolithicPostWithDigestCreatesTheBlob() {
        String name = repo("mono-post");
        byte[] content = randomBytes(1234);
        Digest digest = Digest.sha256(content);
        HttpResponse<byte[]> response = send("POST", "/v2/" + name + "/blobs/uploads/?digest=" + digest, content,
                "Content-Type", "application/octet-stream");
        assertStatus(201, response);
        assertEquals(digest.toString(), header(response, "Docker-Content-Digest"));
        String location = header(response, "Location");
        assertNotNull(location);
        HttpResponse<byte[]> pulled = get(location);
        assertStatus(200, pulled);
        assertArrayEquals(content, pulled.body());
        assertArrayEquals(content, get("/v2/" + name + "/blobs/" + digest).body());
    }

    @Test
    void postThenPutWithTheWholeBodyCreatesTheBlob() {
        String name = repo("post-put");
        byte[] content = randomBytes(4096);
        Digest digest = Digest.sha256(content);
        String location = startUpload(name);
        HttpResponse<byte[]> put = send("PUT", withQuery(location, "digest=" + digest), content,
                "Content-Type", "application/octet-stream");
        assertStatus(201, put);
        assertEquals(digest.toString(), header(put, "Docker-Content-Digest"));
        assertNotNull(header(put, "Location"));
        assertArrayEquals(content, get(header(put, "Location")).body());
    }

    @Test
    void monolithicDigestMismatchIsDigestInvalidAndStoresNothing() throws Exception {
        String name = repo("mono-bad");
        byte[] content = randomBytes(500);
        Digest wrong = Digest.sha256(randomBytes(10));
        HttpResponse<byte[]> response = send("POST", "/v2/" + name + "/blobs/uploads/?digest=" + wrong, content,
                "Content-Type", "application/octet-stream");
        assertError(response, 400, "DIGEST_INVALID");
        assertStatus(404, head("/v2/" + name + "/blobs/" + wrong));
        assertStatus(404, head("/v2/" + name + "/blobs/" + Digest.sha256(content)));
        assertTrue(blobFiles(wrong).isEmpty(), "no blob file for the claimed digest");
        assertTrue(blobFiles(Digest.sha256(content)).isEmpty(), "no blob file for the sent bytes");
    }

    @Test
    void putDigestMismatchIsDigestInvalidAndStoresNothing() throws Exception {
        String name = repo("put-bad");
        byte[] content = randomBytes(700);
        Digest wrong = Digest.sha256(randomBytes(10));
        String location = startUpload(name);
        HttpResponse<byte[]> put = send("PUT", withQuery(location, "digest=" + wrong), content,
                "Content-Type", "application/octet-stream");
        assertError(put, 400, "DIGEST_INVALID");
        assertStatus(404, get("/v2/" + name + "/blobs/" + wrong));
        assertStatus(404, get("/v2/" + name + "/blobs/" + Digest.sha256(content)));
        assertTrue(blobFiles(wrong).isEmpty(), "no blob file for the claimed digest");
        assertTrue(blobFiles(Digest.sha256(content)).isEmpty(), "no blob file for the sent bytes");
    }

    @Test
    void putWithoutDigestIsBadRequest() {
        String name = repo("put-nodigest");
        String location = startUpload(name);
        HttpResponse<byte[]> put = send("PUT", location, randomBytes(10), "Content-Type", "application/octet-stream");
        assertStatus(400, put);
        errorCodes(put);
    }

    @Test
    void chunkedUploadFollowsTheProtocol() {
        String name = repo("chunked");
        byte[] content = randomBytes(3000);
        Digest digest = Digest.sha256(content);
        HttpResponse<byte[]> post = send("POST", "/v2/" + name + "/blobs/uploads/", null);
        assertStatus(202, post);
        String location = header(post, "Location");
        assertNotNull(location, "Location");
        assertNotNull(header(post, "Docker-Upload-UUID"), "Docker-Upload-UUID");

        HttpResponse<byte[]> first = send("PATCH", location, Arrays.copyOfRange(content, 0, 1000),
                "Content-Type", "application/octet-stream", "Content-Range", "0-999");
        assertStatus(202, first);
        assertEquals("0-999", header(first, "Range"));
        location = header(first, "Location");
        assertNotNull(location);

        HttpResponse<byte[]> status = get(location);
        assertStatus(204, status);
        assertEquals("0-999", header(status, "Range"));
        assertNotNull(header(status, "Location"));

        HttpResponse<byte[]> second = send("PATCH", location, Arrays.copyOfRange(content, 1000, 2000),
                "Content-Type", "application/octet-stream", "Content-Range", "1000-1999");
        assertStatus(202, second);
        assertEquals("0-1999", header(second, "Range"));
        location = header(second, "Location");

        HttpResponse<byte[]> put = send("PUT", withQuery(location, "digest=" + digest),
                Arrays.copyOfRange(content, 2000, 3000), "Content-Type", "application/octet-stream",
                "Content-Range", "2000-2999");
        assertStatus(201, put);
        assertEquals(digest.toString(), header(put, "Docker-Content-Digest"));
        assertEquals("/v2/" + name + "/blobs/" + digest, pathOf(header(put, "Location")));
        assertArrayEquals(content, get("/v2/" + name + "/blobs/" + digest).body());
    }

    @Test
    void chunkedUploadClosedWithAnEmptyPut() {
        String name = repo("chunked-empty-put");
        byte[] content = randomBytes(2048);
        Digest digest = Digest.sha256(content);
        String location = startUpload(name);
        HttpResponse<byte[]> patch = send("PATCH", location, content,
                "Content-Type", "application/octet-stream", "Content-Range", "0-2047");
        assertStatus(202, patch);
        HttpResponse<byte[]> put = send("PUT", withQuery(header(patch, "Location"), "digest=" + digest), null);
        assertStatus(201, put);
        assertArrayEquals(content, get("/v2/" + name + "/blobs/" + digest).body());
    }

    @Test
    void streamedPatchWithoutContentRangeIsAccepted() {
        String name = repo("streamed");
        byte[] content = randomBytes(5000);
        Digest digest = Digest.sha256(content);
        String location = startUpload(name);
        HttpResponse<byte[]> patch = send("PATCH", location, content, "Content-Type", "application/octet-stream");
        assertStatus(202, patch);
        assertEquals("0-4999", header(patch, "Range"));
        assertStatus(201, send("PUT", withQuery(header(patch, "Location"), "digest=" + digest), null));
        assertArrayEquals(content, get("/v2/" + name + "/blobs/" + digest).body());
    }

    @Test
    void sessionStartAdvertisesTheChunkMinimum() {
        HttpResponse<byte[]> post = send("POST", "/v2/" + repo("chunk-min") + "/blobs/uploads/", null);
        assertStatus(202, post);
        String min = header(post, "OCI-Chunk-Min-Length");
        assertNotNull(min, "OCI-Chunk-Min-Length header on POST 202: " + post.headers().map());
        assertTrue(Long.parseLong(min) >= 0);
    }

    @Test
    void outOfOrderChunkIs416WithTheCurrentRange() {
        String name = repo("out-of-order");
        byte[] content = randomBytes(2000);
        String location = startUpload(name);
        HttpResponse<byte[]> first = send("PATCH", location, Arrays.copyOfRange(content, 0, 1000),
                "Content-Type", "application/octet-stream", "Content-Range", "0-999");
        assertStatus(202, first);
        location = header(first, "Location");

        HttpResponse<byte[]> gap = send("PATCH", location, Arrays.copyOfRange(content, 1000, 1500),
                "Content-Type", "application/octet-stream", "Content-Range", "1500-1999");
        assertStatus(416, gap);
        assertEquals("0-999", header(gap, "Range"));

        HttpResponse<byte[]> overlap = send("PATCH", location, Arrays.copyOfRange(content, 500, 1500),
                "Content-Type", "application/octet-stream", "Content-Range", "500-1499");
        assertStatus(416, overlap);
        assertEquals("0-999", header(overlap, "Range"));

        // the session is intact and continues where it stood
        HttpResponse<byte[]> status = get(location);
        assertStatus(204, status);
        assertEquals("0-999", header(status, "Range"));
        HttpResponse<byte[]> rest = send("PATCH", location, Arrays.copyOfRange(content, 1000, 2000),
                "Content-Type", "application/octet-stream", "Content-Range", "1000-1999");
        assertStatus(202, rest);
        Digest digest = Digest.sha256(content);
        assertStatus(201, send("PUT", withQuery(header(rest, "Location"), "digest=" + digest), null));
        assertArrayEquals(content, get("/v2/" + name + "/blobs/" + digest).body());
    }

    @Test
    void cancelledUploadIsGone() {
        String name = repo("cancel");
        String location = startUpload(name);
        assertStatus(202, send("PATCH", location, randomBytes(100), "Content-Type", "application/octet-stream",
                "Content-Range", "0-99"));
        assertStatus(204, delete(location));
        assertError(get(location), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(send("PATCH", location, randomBytes(10), "Content-Type", "application/octet-stream"),
                404, "BLOB_UPLOAD_UNKNOWN");
        assertError(delete(location), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void unknownUploadIdsAre404() {
        String name = repo("bogus-upload");
        startUpload(name); // the repository exists
        String bogus = "/v2/" + name + "/blobs/uploads/" + UUID.randomUUID();
        assertError(get(bogus), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(send("PATCH", bogus, randomBytes(5), "Content-Type", "application/octet-stream"),
                404, "BLOB_UPLOAD_UNKNOWN");
        assertError(send("PUT", bogus + "?digest=" + Digest.sha256(new byte[0]), null), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(delete(bogus), 404, "BLOB_UPLOAD_UNKNOWN");
        assertError(get("/v2/" + name + "/blobs/uploads/not-a-uuid"), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void uploadSessionIsBoundToItsRepository() {
        String a = repo("session-a");
        String b = repo("session-b");
        String location = startUpload(a);
        String id = location.substring(location.lastIndexOf('/') + 1).split("\\?")[0];
        assertStatus(404, get("/v2/" + b + "/blobs/uploads/" + id));
    }

    @Test
    void mountFromARepositoryThatHasTheBlob() {
        String from = repo("mount-from");
        String into = repo("mount-into");
        byte[] content = randomBytes(800);
        Digest digest = pushBlob(from, content);
        HttpResponse<byte[]> mount = send("POST", "/v2/" + into + "/blobs/uploads/?mount=" + digest + "&from=" + from,
                null);
        assertStatus(201, mount);
        assertEquals(digest.toString(), header(mount, "Docker-Content-Digest"));
        assertEquals("/v2/" + into + "/blobs/" + digest, pathOf(header(mount, "Location")));
        HttpResponse<byte[]> pulled = get("/v2/" + into + "/blobs/" + digest);
        assertStatus(200, pulled);
        assertArrayEquals(content, pulled.body());
    }

    @Test
    void mountFromARepositoryWithoutTheBlobOpensASession() {
        String from = repo("mount-empty");
        String into = repo("mount-fallback");
        pushBlob(from, randomBytes(10));
        byte[] content = randomBytes(600);
        Digest digest = Digest.sha256(content);
        HttpResponse<byte[]> mount = send("POST", "/v2/" + into + "/blobs/uploads/?mount=" + digest + "&from=" + from,
                null);
        assertStatus(202, mount);
        String location = header(mount, "Location");
        assertNotNull(location);
        assertTrue(pathOf(location).startsWith("/v2/" + into + "/blobs/uploads/"), location);
        assertStatus(404, get("/v2/" + into + "/blobs/" + digest));
        // the fallback session works as any other
        assertStatus(201, send("PUT", withQuery(location, "digest=" + digest), content,
                "Content-Type", "application/octet-stream"));
        assertArrayEquals(content, get("/v2/" + into + "/blobs/" + digest).body());
    }

    @Test
    void mountWithoutFromOrFromAMissingRepositoryOpensASession() {
        String into = repo("mount-nofrom");
        Digest digest = Digest.sha256(randomBytes(33));
        assertStatus(202, send("POST", "/v2/" + into + "/blobs/uploads/?mount=" + digest, null));
        assertStatus(202, send("POST", "/v2/" + into + "/blobs/uploads/?mount=" + digest + "&from="
                + repo("never-created"), null));
    }

    @Test
    void identicalBlobIsStoredOnceInDistributionsLayout() throws Exception {
        String a = repo("dedupe-a");
        String b = repo("dedupe-b");
        byte[] content = randomBytes(2222);
        Digest digest = pushBlob(a, content);
        pushBlob(a, content);
        pushBlob(b, content);
        // and once more through a chunked session
        String location = startUpload(b);
        assertStatus(201, send("PUT", withQuery(location, "digest=" + digest), content,
                "Content-Type", "application/octet-stream"));

        var files = blobFiles(digest);
        assertEquals(1, files.size(), "blob files for " + digest + ": " + files);
        assertEquals(storageRoot().resolve("blobs/sha256/" + digest.hex().substring(0, 2) + "/" + digest.hex()
                + "/data"), files.get(0));
        assertArrayEquals(content, java.nio.file.Files.readAllBytes(files.get(0)));
        assertArrayEquals(content, get("/v2/" + a + "/blobs/" + digest).body());
        assertArrayEquals(content, get("/v2/" + b + "/blobs/" + digest).body());
    }

    @Test
    void emptyBlobCanBePushed() {
        String name = repo("empty-blob");
        Digest digest = pushBlob(name, new byte[0]);
        HttpResponse<byte[]> head = head("/v2/" + name + "/blobs/" + digest);
        assertStatus(200, head);
        assertEquals("0", header(head, "Content-Length"));
    }

    static String pathOf(String location) {
        return java.net.URI.create(location).getPath();
    }
}
