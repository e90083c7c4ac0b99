package io.wharf.bootstrap.api;

import io.wharf.domain.model.Digest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The referrers API: end-12a/b and the OCI-Subject header on pushes. */
class ReferrersTest extends RegistryApiTest {
    private static final byte[] EMPTY_CONFIG = utf8("{}");
    private static final String SBOM = "application/vnd.example.sbom.v1";
    private static final String SIGNATURE = "application/vnd.example.signature.v1";

    record Artifact(String json, Digest digest) {
    }

    /** An artifact manifest (image manifest with artifactType and the empty config) pointing at {@code subject}. */
    private Artifact artifact(String name, String artifactType, Digest subject, long subjectSize, String note) {
        Digest config = pushBlob(name, EMPTY_CONFIG);
        byte[] layer = randomBytes(50);
        Digest layerDigest = pushBlob(name, layer);
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"artifactType\":\"" + artifactType
                + "\",\"config\":" + descriptor(OCI_EMPTY, config, EMPTY_CONFIG.length)
                + ",\"layers\":[" + descriptor("application/octet-stream", layerDigest, layer.length) + "]"
                + ",\"subject\":" + descriptor(OCI_MANIFEST, subject, subjectSize)
                + ",\"annotations\":{\"org.example.note\":\"" + note + "\"}}";
        return new Artifact(json, Digest.sha256(utf8(json)));
    }

    @Test
    void pushWithSubjectAnswersOciSubjectAndIsListed() {
        String name = repo("referrers");
        Image subject = ociImage(name);
        assertStatus(201, putManifest(name, "v1", OCI_MANIFEST, subject.json()));
        Artifact sbom = artifact(name, SBOM, subject.digest(), subject.size(), "the sbom");
        Artifact signature = artifact(name, SIGNATURE, subject.digest(), subject.size(), "the signature");

        HttpResponse<byte[]> put = putManifest(name, sbom.digest().toString(), OCI_MANIFEST, sbom.json());
        assertStatus(201, put);
        assertEquals(subject.digest().toString(), header(put, "OCI-Subject"));
        assertStatus(201, putManifest(name, signature.digest().toString(), OCI_MANIFEST, signature.json()));

        HttpResponse<byte[]> response = get("/v2/" + name + "/referrers/" + subject.digest());
        assertStatus(200, response);
        assertEquals(OCI_INDEX, header(response, "Content-Type"));
        assertNull(header(response, "OCI-Filters-Applied"));
        Map<String, Object> index = json(response);
        assertEquals(2L, ((Number) index.get("schemaVersion")).longValue());
        assertEquals(OCI_INDEX, index.get("mediaType"));
        List<Map<String, Object>> manifests = manifests(index);
        assertEquals(2, manifests.size(), manifests.toString());
        Map<String, Object> listedSbom = byDigest(manifests, sbom.digest());
        assertEquals(OCI_MANIFEST, listedSbom.get("mediaType"));
        assertEquals((long) utf8(sbom.json()).length, ((Number) listedSbom.get("size")).longValue());
        assertEquals(SBOM, listedSbom.get("artifactType"));
        assertEquals(Map.of("org.example.note", "the sbom"), listedSbom.get("annotations"));
        assertEquals(SIGNATURE, byDigest(manifests, signature.digest()).get("artifactType"));
    }

    @Test
    void artifactTypeFilter() {
        String name = repo("referrers-filter");
        Image subject = ociImage(name);
        assertStatus(201, putManifest(name, "v1", OCI_MANIFEST, subject.json()));
        Artifact sbom = artifact(name, SBOM, subject.digest(), subject.size(), "s");
        Artifact signature = artifact(name, SIGNATURE, subject.digest(), subject.size(), "g");
        assertStatus(201, putManifest(name, sbom.digest().toString(), OCI_MANIFEST, sbom.json()));
        assertStatus(201, putManifest(name, signature.digest().toString(), OCI_MANIFEST, signature.json()));

        HttpResponse<byte[]> filtered = get("/v2/" + name + "/referrers/" + subject.digest() + "?artifactType=" + SBOM);
        assertStatus(200, filtered);
        assertEquals("artifactType", header(filtered, "OCI-Filters-Applied"));
        List<Map<String, Object>> manifests = manifests(json(filtered));
        assertEquals(1, manifests.size(), manifests.toString());
        assertEquals(sbom.digest().toString(), manifests.get(0).get("digest"));

        HttpResponse<byte[]> none = get("/v2/" + name + "/referrers/" + subject.digest()
                + "?artifactType=application/vnd.example.none");
        assertStatus(200, none);
        assertEquals("artifactType", header(none, "OCI-Filters-Applied"));
        assertTrue(manifests(json(none)).isEmpty());
    }

    @Test
    void subjectNeedNotExist() {
        String name = repo("referrers-dangling");
        Digest absent = Digest.sha256(randomBytes(30));
        Artifact artifact = artifact(name, SBOM, absent, 30, "dangling");
        HttpResponse<byte[]> put = putManifest(name, "sbom", OCI_MANIFEST, artifact.json());
        assertStatus(201, put);
        assertEquals(absent.toString(), header(put, "OCI-Subject"));
        List<Map<String, Object>> manifests = manifests(json(get("/v2/" + name + "/referrers/" + absent)));
        assertEquals(1, manifests.size());
        assertEquals(artifact.digest().toString(), manifests.get(0).get("digest"));
    }

    @Test
    void subjectWithoutReferrersIsAnEmptyIndex() {
        String name = repo("referrers-empty");
        Image image = ociImage(name);
        assertStatus(201, putManifest(name, "v1", OCI_MANIFEST, image.json()));
        HttpResponse<byte[]> response = get("/v2/" + name + "/referrers/" + image.digest());
        assertStatus(200, response);
        assertEquals(OCI_INDEX, header(response, "Content-Type"));
        Map<String, Object> index = json(response);
        assertEquals(OCI_INDEX, index.get("mediaType"));
        assertTrue(manifests(index).isEmpty());
        // and for a digest the repository has never seen
        HttpResponse<byte[]> unseen = get("/v2/" + name + "/referrers/" + Digest.sha256(randomBytes(3)));
        assertStatus(200, unseen);
        assertTrue(manifests(json(unseen)).isEmpty());
    }

    @Test
    void deletedReferrerIsNoLongerListed() {
        String name = repo("referrers-delete");
        Image subject = ociImage(name);
        assertStatus(201, putManifest(name, "v1", OCI_MANIFEST, subject.json()));
        Artifact sbom = artifact(name, SBOM, subject.digest(), subject.size(), "x");
        assertStatus(201, putManifest(name, sbom.digest().toString(), OCI_MANIFEST, sbom.json()));
        assertEquals(1, manifests(json(get("/v2/" + name + "/referrers/" + subject.digest()))).size());
        assertStatus(202, delete("/v2/" + name + "/manifests/" + sbom.digest()));
        assertTrue(manifests(json(get("/v2/" + name + "/referrers/" + subject.digest()))).isEmpty());
    }

    @Test
    void referrersInAnotherRepositoryAreNotListed() {
        String a = repo("referrers-a");
        String b = repo("referrers-b");
        Image subject = ociImage(a);
        Artifact sbom = artifact(a, SBOM, subject.digest(), subject.size(), "x");
        assertStatus(201, putManifest(a, sbom.digest().toString(), OCI_MANIFEST, sbom.json()));
        ociImage(b);
        HttpResponse<byte[]> other = get("/v2/" + b + "/referrers/" + subject.digest());
        assertStatus(200, other);
        assertTrue(manifests(json(other)).isEmpty());
    }

    @Test
    void malformedSubjectDigestIsAClientError() {
        String name = repo("referrers-bad");
        ociImage(name);
        HttpResponse<byte[]> response = get("/v2/" + name + "/referrers/sha256:nothex");
        assertStatus(400, response);
        assertTrue(errorCodes(response).contains("DIGEST_INVALID"), text(response));
        HttpResponse<byte[]> tag = get("/v2/" + name + "/referrers/latest");
        assertTrue(tag.statusCode() == 400 || tag.statusCode() == 404, "" + tag.statusCode());
        errorCodes(tag);
    }

    @Test
    void artifactTypeFallsBackToTheConfigMediaType() {
        String name = repo("referrers-config-type");
        Image subject = ociImage(name);
        assertStatus(201, putManifest(name, "v1", OCI_MANIFEST, subject.json()));
        String configType = "application/vnd.example.config.v1+json";
        byte[] config = utf8("{\"k\":\"" + randomHex() + "\"}");
        Digest configDigest = pushBlob(name, config);
        byte[] layer = randomBytes(20);
        Digest layerDigest = pushBlob(name, layer);
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":"
                + descriptor(configType, configDigest, config.length) + ",\"layers\":["
                + descriptor("application/octet-stream", layerDigest, layer.length) + "],\"subject\":"
                + descriptor(OCI_MANIFEST, subject.digest(), subject.size()) + "}";
        HttpResponse<byte[]> put = putManifest(name, Digest.sha256(utf8(json)).toString(), OCI_MANIFEST, json);
        assertStatus(201, put);
        assertEquals(subject.digest().toString(), header(put, "OCI-Subject"));
        List<Map<String, Object>> manifests = manifests(json(get("/v2/" + name + "/referrers/" + subject.digest())));
        assertEquals(1, manifests.size());
        assertEquals(configType, manifests.get(0).get("artifactType"), "artifactType from config.mediaType");
        HttpResponse<byte[]> filtered = get("/v2/" + name + "/referrers/" + subject.digest() + "?artifactType="
                + java.net.URLEncoder.encode(configType, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(1, manifests(json(filtered)).size());
    }

    @Test
    void indexWithSubjectIsAReferrer() {
        String name = repo("referrers-index");
        Image subject = ociImage(name);
        assertStatus(201, putManifest(name, "v1", OCI_MANIFEST, subject.json()));
        Image child = ociImage(name);
        assertStatus(201, putManifest(name, child.digest().toString(), OCI_MANIFEST, child.json()));
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"artifactType\":\"" + SBOM
                + "\",\"manifests\":[" + descriptor(OCI_MANIFEST, child.digest(), child.size()) + "],\"subject\":"
                + descriptor(OCI_MANIFEST, subject.digest(), subject.size()) + "}";
        Digest indexDigest = Digest.sha256(utf8(index));
        HttpResponse<byte[]> put = putManifest(name, indexDigest.toString(), OCI_INDEX, index);
        assertStatus(201, put);
        assertEquals(subject.digest().toString(), header(put, "OCI-Subject"));
        Map<String, Object> listed = byDigest(manifests(json(get("/v2/" + name + "/referrers/" + subject.digest()))),
                indexDigest);
        assertEquals(OCI_INDEX, listed.get("mediaType"));
        assertEquals(SBOM, listed.get("artifactType"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> manifests(Map<String, Object> index) {
        Object manifests = index.get("manifests");
        assertTrue(manifests instanceof List<?>, "manifests is a list: " + index);
        return (List<Map<String, Object>>) manifests;
    }

    private static Map<String, Object> byDigest(List<Map<String, Object>> manifests, Digest digest) {
        return manifests.stream().filter(m -> digest.toString().equals(m.get("digest"))).findFirst()
                .orElseThrow(() -> new AssertionError(digest + " not in " + manifests));
    }
}
