package io.wharf.bootstrap.api;

import io.wharf.domain.model.Digest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Abandoned upload sessions are removed, bytes and all, once older than uploads.max-age. */
class UploadExpiryTest extends RegistryApiTest {

    @Override
    Map<String, String> settings() {
        return Map.of("uploads.max-age", "2s", "uploads.expiry-interval", "1s");
    }

    @Test
    void abandonedSessionExpires() throws Exception {
        String name = repo("abandoned");
        byte[] kept = randomBytes(500);
        Digest keptDigest = pushBlob(name, kept);
        String location = startUpload(name);
        HttpResponse<byte[]> patch = send("PATCH", location, randomBytes(1000), "Content-Type",
                "application/octet-stream", "Content-Range", "0-999");
        assertStatus(202, patch);
        location = header(patch, "Location");
        String path = URI.create(location).getPath();
        Path directory = storageRoot().resolve("repositories/" + name + "/_uploads/"
                + path.substring(path.lastIndexOf('/') + 1));
        assertTrue(Files.isDirectory(directory), "session directory " + directory);

        Thread.sleep(4_000);
        HttpResponse<byte[]> status = get(location);
        if (status.statusCode() != 404) {
            Thread.sleep(3_000); // one more sweep's grace on a slow machine
            status = get(location);
        }
        assertError(status, 404, "BLOB_UPLOAD_UNKNOWN");
        assertTrue(Files.notExists(directory), "session directory removed: " + directory);
        // finished blobs are not sessions: they stay
        assertArrayEquals(kept, get("/v2/" + name + "/blobs/" + keptDigest).body());
    }
}
