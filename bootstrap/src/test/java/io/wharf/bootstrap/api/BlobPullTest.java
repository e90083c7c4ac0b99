package io.wharf.bootstrap.api;

import io.wharf.domain.model.Digest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pulling and deleting blobs: end-2 and end-10. */
class BlobPullTest extends RegistryApiTest {

    @Test
    void getAndHeadDescribeTheBlob() {
        String name = repo("pull");
        byte[] content = randomBytes(1000);
        Digest digest = pushBlob(name, content);

        HttpResponse<byte[]> get = get("/v2/" + name + "/blobs/" + digest);
        assertStatus(200, get);
        assertArrayEquals(content, get.body());
        assertEquals(digest.toString(), header(get, "Docker-Content-Digest"));
        assertEquals("1000", header(get, "Content-Length"));

        HttpResponse<byte[]> head = head("/v2/" + name + "/blobs/" + digest);
        assertStatus(200, head);
        assertEquals(digest.toString(), header(head, "Docker-Content-Digest"));
        assertEquals("1000", header(head, "Content-Length"));
        assertEquals(0, head.body().length, "HEAD has no body");
    }

    @Test
    void rangeRequestReturnsExactlyThoseBytes() {
        String name = repo("range");
        byte[] content = randomBytes(100);
        Digest digest = pushBlob(name, content);
        HttpResponse<byte[]> partial = get("/v2/" + name + "/blobs/" + digest, "Range", "bytes=10-19");
        assertStatus(206, partial);
        assertEquals("bytes 10-19/100", header(partial, "Content-Range"));
        assertEquals("10", header(partial, "Content-Length"));
        assertArrayEquals(Arrays.copyOfRange(content, 10, 20), partial.body());
    }

    @Test
    void suffixAndOpenRangesAreServed() {
        String name = repo("suffix");
        byte[] content = randomBytes(100);
        Digest digest = pushBlob(name, content);

        HttpResponse<byte[]> suffix = get("/v2/" + name + "/blobs/" + digest, "Range", "bytes=-5");
        assertStatus(206, suffix);
        assertEquals("bytes 95-99/100", header(suffix, "Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(content, 95, 100), suffix.body());

        HttpResponse<byte[]> open = get("/v2/" + name + "/blobs/" + digest, "Range", "bytes=90-");
        assertStatus(206, open);
        assertEquals("bytes 90-99/100", header(open, "Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(content, 90, 100), open.body());

        HttpResponse<byte[]> pastEnd = get("/v2/" + name + "/blobs/" + digest, "Range", "bytes=95-200");
        assertStatus(206, pastEnd);
        assertEquals("bytes 95-99/100", header(pastEnd, "Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(content, 95, 100), pastEnd.body());
    }

    @Test
    void unsatisfiableRangeIs416() {
        String name = repo("range-416");
        Digest digest = pushBlob(name, randomBytes(100));
        HttpResponse<byte[]> response = get("/v2/" + name + "/blobs/" + digest, "Range", "bytes=200-300");
        assertStatus(416, response);
        String contentRange = header(response, "Content-Range");
        if (contentRange != null) {
            assertEquals("bytes */100", contentRange);
        }
    }

    @Test
    void unknownBlobIs404BlobUnknown() {
        String name = repo("unknown-blob");
        pushBlob(name, randomBytes(5));
        Digest missing = Digest.sha256(randomBytes(5));
        assertError(get("/v2/" + name + "/blobs/" + missing), 404, "BLOB_UNKNOWN");
        HttpResponse<byte[]> head = head("/v2/" + name + "/blobs/" + missing);
        assertStatus(404, head);
        assertEquals(0, head.body().length);
        // in a repository that does not exist at all
        assertStatus(404, get("/v2/" + repo("no-such-repo") + "/blobs/" + missing));
    }

    @Test
    void deletedBlobIsGone() {
        String name = repo("delete-blob");
        Digest digest = pushBlob(name, randomBytes(64));
        HttpResponse<byte[]> deleted = delete("/v2/" + name + "/blobs/" + digest);
        assertStatus(202, deleted);
        assertError(get("/v2/" + name + "/blobs/" + digest), 404, "BLOB_UNKNOWN");
        assertStatus(404, head("/v2/" + name + "/blobs/" + digest));
        assertError(delete("/v2/" + name + "/blobs/" + digest), 404, "BLOB_UNKNOWN");
    }

    @Test
    void deletingFromOneRepositoryLeavesTheOther() {
        String a = repo("del-shared-a");
        String b = repo("del-shared-b");
        byte[] content = randomBytes(64);
        Digest digest = pushBlob(a, content);
        pushBlob(b, content);
        assertStatus(202, delete("/v2/" + a + "/blobs/" + digest));
        assertStatus(404, get("/v2/" + a + "/blobs/" + digest));
        assertArrayEquals(content, get("/v2/" + b + "/blobs/" + digest).body());
    }

    @Test
    void blobOfRepositoryAIsNotReadableThroughB() {
        String a = repo("owner");
        String b = repo("stranger");
        Digest digest = pushBlob(a, randomBytes(64));
        pushBlob(b, randomBytes(64));
        assertError(get("/v2/" + b + "/blobs/" + digest), 404, "BLOB_UNKNOWN");
        assertStatus(404, head("/v2/" + b + "/blobs/" + digest));
        assertStatus(404, get("/v2/" + b + "/blobs/" + digest, "Range", "bytes=0-1"));
    }

    @Test
    void largeBlobRoundTrips() {
        String name = repo("large");
        byte[] content = randomBytes(6 * 1024 * 1024 + 17);
        Digest digest = pushBlob(name, content);
        HttpResponse<byte[]> get = get("/v2/" + name + "/blobs/" + digest);
        assertStatus(200, get);
        assertEquals(content.length, get.body().length);
        assertTrue(Arrays.equals(content, get.body()), "bytes differ");
        HttpResponse<byte[]> tail = get("/v2/" + name + "/blobs/" + digest, "Range", "bytes=-17");
        assertArrayEquals(Arrays.copyOfRange(content, content.length - 17, content.length), tail.body());
        assertNotEquals(null, header(tail, "Content-Range"));
    }

    @Test
    void malformedDigestInBlobPathIsAClientError() {
        String name = repo("bad-digest");
        pushBlob(name, randomBytes(3));
        for (String bad : new String[] {"sha256:totallywrong", "sha256:ABC", "md5:d41d8cd98f00b204e9800998ecf8427e",
                "notadigest", "sha256:"}) {
            HttpResponse<byte[]> response = get("/v2/" + name + "/blobs/" + bad);
            assertTrue(response.statusCode() == 400 || response.statusCode() == 404, bad + " -> " + response.statusCode());
            errorCodes(response);
        }
    }
}
