package io.wharf.bootstrap.api;

import io.wharf.bootstrap.testing.RegistryClient;
import io.wharf.domain.model.Digest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a registry restart keeps: upload sessions, blobs, manifests and tags. */
class UploadDurabilityTest extends RegistryApiTest {

    @Test
    void uploadSessionSurvivesARestart() throws Exception {
        String name = repo("durable");
        byte[] content = randomBytes(10_000);
        Digest digest = Digest.sha256(content);
        String location = startUpload(name);
        HttpResponse<byte[]> patch = send("PATCH", location, Arrays.copyOfRange(content, 0, 4000),
                "Content-Type", "application/octet-stream", "Content-Range", "0-3999");
        assertStatus(202, patch);
        location = header(patch, "Location");
        String path = java.net.URI.create(location).getRawPath()
                + (java.net.URI.create(location).getRawQuery() == null ? "" : "?" + java.net.URI.create(location).getRawQuery());

        Image image = ociImage(name);
        assertStatus(201, putManifest(name, "before", OCI_MANIFEST, image.json()));

        restart();

        HttpResponse<byte[]> status = get(path);
        assertStatus(204, status);
        assertEquals("0-3999", header(status, "Range"));
        HttpResponse<byte[]> rest = send("PATCH", header(status, "Location"), Arrays.copyOfRange(content, 4000, 10_000),
                "Content-Type", "application/octet-stream", "Content-Range", "4000-9999");
        assertStatus(202, rest);
        assertEquals("0-9999", header(rest, "Range"));
        HttpResponse<byte[]> put = send("PUT", withQuery(header(rest, "Location"), "digest=" + digest), null);
        assertStatus(201, put);
        assertArrayEquals(content, get("/v2/" + name + "/blobs/" + digest).body());
        assertArrayEquals(image.bytes(), get("/v2/" + name + "/manifests/before").body());
    }

    @Test
    void finishedUploadLeavesNoSessionDirectory() throws Exception {
        String name = repo("tidy");
        byte[] content = randomBytes(1000);
        String location = startUpload(name);
        String id = java.net.URI.create(location).getPath();
        id = id.substring(id.lastIndexOf('/') + 1);
        assertStatus(201, send("PUT", withQuery(location, "digest=" + Digest.sha256(content)), content,
                "Content-Type", "application/octet-stream"));
        assertEquals(false, Files.exists(storageRoot().resolve("repositories/" + name + "/_uploads/" + id)));
        String cancelled = startUpload(name);
        String cancelledId = java.net.URI.create(cancelled).getPath();
        cancelledId = cancelledId.substring(cancelledId.lastIndexOf('/') + 1);
        assertStatus(204, delete(cancelled));
        assertEquals(false, Files.exists(storageRoot().resolve("repositories/" + name + "/_uploads/" + cancelledId)));
    }

    private void restart() {
        registry.restart();
        client = new RegistryClient(registry.baseUri());
    }
}
