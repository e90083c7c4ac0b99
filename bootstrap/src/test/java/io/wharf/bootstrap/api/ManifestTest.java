package io.wharf.bootstrap.api;

import io.wharf.domain.model.Digest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Manifests: end-3, end-7, end-9 and their error paths. */
class ManifestTest extends RegistryApiTest {
    private static final String ALL_TYPES = String.join(", ", OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_LIST);

    @Test
    void manifestWhoseBlobsAreMissingIsRejectedAndNotStored() {
        String name = repo("missing-blobs");
        pushBlob(name, randomBytes(3)); // the repository exists
        Digest config = Digest.sha256(randomBytes(20));
        Digest layer = Digest.sha256(randomBytes(20));
        String json = imageJson(OCI_MANIFEST, OCI_CONFIG, config, 20, OCI_LAYER, layer, 20);
        assertError(putManifest(name, "v1", OCI_MANIFEST, json), 400, "MANIFEST_BLOB_UNKNOWN");
        assertStatus(404, get("/v2/" + name + "/manifests/v1", "Accept", ALL_TYPES));
        assertStatus(404, get("/v2/" + name + "/manifests/" + Digest.sha256(utf8(json)), "Accept", ALL_TYPES));
    }

    @Test
    void manifestWithOnlyTheConfigPushedIsStillRejected() {
        String name = repo("missing-layer");
        byte[] config = utf8("{\"os\":\"linux\"}");
        Digest configDigest = pushBlob(name, config);
        String json = imageJson(OCI_MANIFEST, OCI_CONFIG, configDigest, config.length, OCI_LAYER,
                Digest.sha256(randomBytes(8)), 8);
        assertError(putManifest(name, "v1", OCI_MANIFEST, json), 400, "MANIFEST_BLOB_UNKNOWN");
        assertStatus(404, get("/v2/" + name + "/manifests/v1"));
    }

    @Test
    void ociManifestPushedByTagRoundTripsByteExact() {
        String name = repo("oci");
        Image image = ociImage(name);
        HttpResponse<byte[]> put = putManifest(name, "latest", OCI_MANIFEST, image.json());
        assertStatus(201, put);
        assertEquals(image.digest().toString(), header(put, "Docker-Content-Digest"));
        assertEquals("/v2/" + name + "/manifests/" + image.digest(),
                java.net.URI.create(header(put, "Location")).getPath());

        for (String reference : new String[] {"latest", image.digest().toString()}) {
            HttpResponse<byte[]> get = assertServesManifest(name, reference, ALL_TYPES, OCI_MANIFEST, image.bytes());
            assertEquals(image.digest().toString(), header(get, "Docker-Content-Digest"));

            HttpResponse<byte[]> head = head("/v2/" + name + "/manifests/" + reference, "Accept", ALL_TYPES);
            assertStatus(200, head);
            assertEquals(Long.toString(image.size()), header(head, "Content-Length"));
            assertEquals(image.digest().toString(), header(head, "Docker-Content-Digest"));
            assertEquals(OCI_MANIFEST, header(head, "Content-Type"));
            assertEquals(0, head.body().length);
        }
    }

    @Test
    void dockerSchema2ManifestAndManifestList() {
        String name = repo("docker");
        Image amd64 = dockerImage(name);
        Image arm64 = dockerImage(name);
        assertStatus(201, putManifest(name, amd64.digest().toString(), DOCKER_MANIFEST, amd64.json()));
        assertStatus(201, putManifest(name, arm64.digest().toString(), DOCKER_MANIFEST, arm64.json()));
        HttpResponse<byte[]> single = get("/v2/" + name + "/manifests/" + amd64.digest(), "Accept", DOCKER_MANIFEST);
        assertStatus(200, single);
        assertEquals(DOCKER_MANIFEST, header(single, "Content-Type"));
        assertArrayEquals(amd64.bytes(), single.body());

        String list = "{\n \"schemaVersion\": 2,\n \"mediaType\": \"" + DOCKER_LIST + "\",\n \"manifests\": [\n  "
                + platformDescriptor(DOCKER_MANIFEST, amd64, "amd64") + ",\n  "
                + platformDescriptor(DOCKER_MANIFEST, arm64, "arm64") + "\n ]\n}";
        HttpResponse<byte[]> put = putManifest(name, "multi", DOCKER_LIST, list);
        assertStatus(201, put);
        Digest listDigest = Digest.sha256(utf8(list));
        assertEquals(listDigest.toString(), header(put, "Docker-Content-Digest"));
        assertServesManifest(name, "multi", DOCKER_LIST, DOCKER_LIST, utf8(list));
    }

    @Test
    void ociIndexNeedsItsChildren() {
        String name = repo("index");
        Image child = ociImage(name);
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":["
                + platformDescriptor(OCI_MANIFEST, child, "amd64") + "]}";

        HttpResponse<byte[]> missing = putManifest(name, "idx", OCI_INDEX, index);
        assertStatus(400, missing);
        assertTrue(errorCodes(missing).contains("MANIFEST_BLOB_UNKNOWN")
                || errorCodes(missing).contains("MANIFEST_UNKNOWN")
                || errorCodes(missing).contains("MANIFEST_INVALID"), text(missing));
        assertStatus(404, get("/v2/" + name + "/manifests/idx"));

        assertStatus(201, putManifest(name, child.digest().toString(), OCI_MANIFEST, child.json()));
        HttpResponse<byte[]> present = putManifest(name, "idx", OCI_INDEX, index);
        assertStatus(201, present);
        assertServesManifest(name, "idx", OCI_INDEX, OCI_INDEX, utf8(index));
    }

    @Test
    void pushByDigestReference() {
        String name = repo("by-digest");
        Image image = ociImage(name);
        HttpResponse<byte[]> matching = putManifest(name, image.digest().toString(), OCI_MANIFEST, image.json());
        assertStatus(201, matching);
        assertEquals(image.digest().toString(), header(matching, "Docker-Content-Digest"));
        assertArrayEquals(image.bytes(), get("/v2/" + name + "/manifests/" + image.digest()).body());

        Image other = ociImage(name);
        HttpResponse<byte[]> mismatching = putManifest(name, image.digest().toString().replace(
                image.digest().hex(), Digest.sha256(randomBytes(4)).hex()), OCI_MANIFEST, other.json());
        assertError(mismatching, 400, "DIGEST_INVALID");
        assertStatus(404, get("/v2/" + name + "/manifests/" + other.digest()));
    }

    @Test
    void invalidJsonIsManifestInvalid() {
        String name = repo("bad-json");
        pushBlob(name, randomBytes(3));
        assertError(putManifest(name, "v1", OCI_MANIFEST, "{\"schemaVersion\": 2, \"config\": "), 400,
                "MANIFEST_INVALID");
        assertError(putManifest(name, "v2", OCI_MANIFEST, "not json at all"), 400, "MANIFEST_INVALID");
        assertError(putManifest(name, "v3", OCI_MANIFEST, "{\"schemaVersion\": 2}"), 400, "MANIFEST_INVALID");
        assertStatus(404, get("/v2/" + name + "/manifests/v1"));
    }

    @Test
    void unsupportedMediaTypeIsRejected() {
        String name = repo("bad-type");
        Image image = ociImage(name);
        HttpResponse<byte[]> response = putManifest(name, "v1", "application/vnd.example.unknown+json", image.json()
                .replace(OCI_MANIFEST, "application/vnd.example.unknown+json"));
        assertStatus(400, response);
        errorCodes(response);
        assertStatus(404, get("/v2/" + name + "/manifests/v1"));
    }

    @Test
    void payloadOverFourMebibytesIs413() {
        String name = repo("too-big");
        Image image = ociImage(name);
        String padding = "x".repeat(4 * 1024 * 1024 + 10);
        String json = image.json().replaceFirst("\\{", "{\"annotations\":{\"pad\":\"" + padding + "\"},");
        HttpResponse<byte[]> response = putManifest(name, "big", OCI_MANIFEST, json);
        assertStatus(413, response);
        assertStatus(404, get("/v2/" + name + "/manifests/big"));
    }

    @Test
    void malformedReferencesAreClientErrors() {
        String name = repo("bad-refs");
        Image image = ociImage(name);
        assertStatus(201, putManifest(name, "ok", OCI_MANIFEST, image.json()));
        for (String reference : new String[] {"sha256:totallywrong", "sha256:" + "A".repeat(64), "md5:abc",
                ".starts-with-dot", "-dash", "t".repeat(129), "bad%21tag", "tag%20space"}) {
            HttpResponse<byte[]> get = get("/v2/" + name + "/manifests/" + reference);
            assertTrue(get.statusCode() == 400 || get.statusCode() == 404, reference + " -> " + get.statusCode());
            errorCodes(get);
            HttpResponse<byte[]> put = putManifest(name, reference, OCI_MANIFEST, image.json());
            assertTrue(put.statusCode() == 400 || put.statusCode() == 404, "PUT " + reference + " -> " + put.statusCode());
            errorCodes(put);
        }
        HttpResponse<byte[]> wrong = get("/v2/x/manifests/sha256:totallywrong");
        assertTrue(wrong.statusCode() == 400 || wrong.statusCode() == 404, "-> " + wrong.statusCode());
        errorCodes(wrong);
    }

    @Test
    void invalidRepositoryNamesAreClientErrors() {
        Image image = ociImage(repo("valid"));
        for (String bad : new String[] {"UPPER", "api/Upper-Case", "-leading", "trailing-", "a..b",
                "x".repeat(256)}) {
            HttpResponse<byte[]> put = putManifest(bad, "v1", OCI_MANIFEST, image.json());
            assertTrue(put.statusCode() == 400 || put.statusCode() == 404, bad + " PUT -> " + put.statusCode());
            if (put.statusCode() == 400) {
                assertTrue(errorCodes(put).contains("NAME_INVALID"), text(put));
            } else {
                errorCodes(put);
            }
            HttpResponse<byte[]> get = get("/v2/" + bad + "/manifests/v1");
            assertTrue(get.statusCode() == 400 || get.statusCode() == 404, bad + " GET -> " + get.statusCode());
            errorCodes(get);
        }
        HttpResponse<byte[]> upper = putManifest("UPPER", "v1", OCI_MANIFEST, image.json());
        assertEquals(400, upper.statusCode(), text(upper));
        assertTrue(errorCodes(upper).contains("NAME_INVALID"));
    }

    @Test
    void deleteByTagRemovesOnlyTheTag() {
        String name = repo("del-tag");
        Image image = ociImage(name);
        assertStatus(201, putManifest(name, "keep", OCI_MANIFEST, image.json()));
        assertStatus(201, putManifest(name, "drop", OCI_MANIFEST, image.json()));
        assertStatus(202, delete("/v2/" + name + "/manifests/drop"));
        assertError(get("/v2/" + name + "/manifests/drop"), 404, "MANIFEST_UNKNOWN");
        assertArrayEquals(image.bytes(), get("/v2/" + name + "/manifests/" + image.digest()).body());
        assertArrayEquals(image.bytes(), get("/v2/" + name + "/manifests/keep").body());
        assertEquals(java.util.List.of("keep"), json(get("/v2/" + name + "/tags/list")).get("tags"));
    }

    @Test
    void deleteByDigestRemovesTheManifestAndItsTags() {
        String name = repo("del-digest");
        Image image = ociImage(name);
        assertStatus(201, putManifest(name, "one", OCI_MANIFEST, image.json()));
        assertStatus(201, putManifest(name, "two", OCI_MANIFEST, image.json()));
        assertStatus(202, delete("/v2/" + name + "/manifests/" + image.digest()));
        assertError(get("/v2/" + name + "/manifests/" + image.digest()), 404, "MANIFEST_UNKNOWN");
        assertError(get("/v2/" + name + "/manifests/one"), 404, "MANIFEST_UNKNOWN");
        assertError(get("/v2/" + name + "/manifests/two"), 404, "MANIFEST_UNKNOWN");
        assertStatus(404, head("/v2/" + name + "/manifests/one"));
        assertError(delete("/v2/" + name + "/manifests/" + image.digest()), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void unknownManifestIs404ManifestUnknown() {
        String name = repo("unknown");
        Image image = ociImage(name);
        assertStatus(201, putManifest(name, "there", OCI_MANIFEST, image.json()));
        assertError(get("/v2/" + name + "/manifests/not-there"), 404, "MANIFEST_UNKNOWN");
        assertError(get("/v2/" + name + "/manifests/" + Digest.sha256(randomBytes(9))), 404, "MANIFEST_UNKNOWN");
        HttpResponse<byte[]> head = head("/v2/" + name + "/manifests/not-there");
        assertStatus(404, head);
        assertEquals(0, head.body().length);
        assertError(delete("/v2/" + name + "/manifests/not-there"), 404, "MANIFEST_UNKNOWN");
        // a repository that does not exist
        HttpResponse<byte[]> none = get("/v2/" + repo("nowhere") + "/manifests/latest");
        assertStatus(404, none);
        assertTrue(errorCodes(none).contains("MANIFEST_UNKNOWN") || errorCodes(none).contains("NAME_UNKNOWN"));
    }

    @Test
    void retaggingMovesTheTag() {
        String name = repo("retag");
        Image first = ociImage(name);
        Image second = ociImage(name);
        assertStatus(201, putManifest(name, "t", OCI_MANIFEST, first.json()));
        assertStatus(201, putManifest(name, "t", OCI_MANIFEST, second.json()));
        assertArrayEquals(second.bytes(), get("/v2/" + name + "/manifests/t").body());
        assertArrayEquals(first.bytes(), get("/v2/" + name + "/manifests/" + first.digest()).body());
    }

    @Test
    void manifestsOfRepositoryAAreNotVisibleInB() {
        String a = repo("man-a");
        String b = repo("man-b");
        Image image = ociImage(a);
        assertStatus(201, putManifest(a, "v1", OCI_MANIFEST, image.json()));
        ociImage(b);
        assertStatus(404, get("/v2/" + b + "/manifests/" + image.digest()));
        assertStatus(404, get("/v2/" + b + "/manifests/v1"));
    }

    static String platformDescriptor(String mediaType, Image image, String arch) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + image.digest() + "\",\"size\":" + image.size()
                + ",\"platform\":{\"architecture\":\"" + arch + "\",\"os\":\"linux\"}}";
    }
}
