package io.wharf.domain;

import io.wharf.domain.error.ErrorCode;
import io.wharf.domain.error.RegistryException;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.DigestAlgorithm;
import io.wharf.domain.model.Manifest;
import io.wharf.domain.model.ManifestKind;
import io.wharf.domain.model.ManifestParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestParserTest {
    static final String CONFIG = "sha256:" + "c".repeat(64);
    static final String LAYER = "sha256:" + "1".repeat(64);
    static final String CHILD = "sha256:" + "2".repeat(64);

    static String imageManifest(String mediaTypeField, String extra) {
        return "{\"schemaVersion\":2," + mediaTypeField
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + CONFIG
                + "\",\"size\":7},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                + "\"digest\":\"" + LAYER + "\",\"size\":1234}]" + extra + "}";
    }

    private static Manifest parse(String json, String contentType) {
        return ManifestParser.parse(json.getBytes(StandardCharsets.UTF_8), Optional.ofNullable(contentType),
                DigestAlgorithm.SHA256);
    }

    @Test
    void parsesAnOciImageManifestKeepingItsExactBytes() {
        String json = imageManifest("\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",", "");
        Manifest m = parse(json, "application/vnd.oci.image.manifest.v1+json");
        assertEquals(ManifestKind.OCI_IMAGE_MANIFEST, m.kind());
        assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), m.payload());
        assertEquals(Digest.sha256(m.payload()), m.digest());
        assertEquals(2, m.blobs().size());
        assertEquals(CONFIG, m.blobs().get(0).digest().toString());
        assertEquals(Optional.of("application/vnd.oci.image.config.v1+json"), m.effectiveArtifactType());
    }

    @Test
    void infersAnOciManifestWithoutMediaTypeFromItsShape() {
        assertEquals(ManifestKind.OCI_IMAGE_MANIFEST, parse(imageManifest("", ""), null).kind());
    }

    @Test
    void parsesDockerSchema2AndListsAndIndexesWithSubjectAndArtifactType() {
        String docker = imageManifest("\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",", "");
        assertEquals(ManifestKind.DOCKER_MANIFEST_V2, parse(docker, null).kind());
        String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"artifactType\":\"application/x-sbom\",\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + CHILD + "\",\"size\":3}],"
                + "\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
                + LAYER + "\",\"size\":9},\"annotations\":{\"a\":\"b\"}}";
        Manifest m = parse(index, "application/vnd.oci.image.index.v1+json");
        assertEquals(ManifestKind.OCI_IMAGE_INDEX, m.kind());
        assertEquals(CHILD, m.children().get(0).digest().toString());
        assertTrue(m.blobs().isEmpty());
        assertEquals(LAYER, m.subject().orElseThrow().digest().toString());
        assertEquals(Optional.of("application/x-sbom"), m.effectiveArtifactType());
        assertEquals("b", m.annotations().get("a"));
        String list = index.replace("application/vnd.oci.image.index.v1+json",
                "application/vnd.docker.distribution.manifest.list.v2+json");
        assertEquals(ManifestKind.DOCKER_MANIFEST_LIST, parse(list, null).kind());
    }

    @Test
    void rejectsWhatCannotBeServedFaithfully() {
        String[] bad = {
            "not json",
            "[]",
            "{\"schemaVersion\":1,\"config\":{}}",
            imageManifest("\"mediaType\":\"application/vnd.docker.distribution.manifest.v1+prettyjws\",", ""),
            imageManifest("", "").replace(LAYER, "sha256:short"),
            imageManifest("", "").replace("\"size\":1234", "\"size\":-1"),
            imageManifest("", "").replace("\"size\":1234", "\"size\":\"1234\""),
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\"}",
            "{\"schemaVersion\":2}",
            imageManifest("", ",\"annotations\":{\"a\":1}"),
            imageManifest("", ",\"config\":{}"),
        };
        for (String json : bad) {
            var e = assertThrows(RegistryException.class, () -> parse(json, null), json);
            assertEquals(ErrorCode.MANIFEST_INVALID, e.code(), json);
        }
    }

    @Test
    void rejectsAContentTypeThatContradictsTheMediaType() {
        String json = imageManifest("\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",", "");
        var e = assertThrows(RegistryException.class,
                () -> parse(json, "application/vnd.docker.distribution.manifest.v2+json"));
        assertEquals(ErrorCode.MANIFEST_INVALID, e.code());
    }

    @Test
    void identifiesBySha512WhenAsked() {
        byte[] bytes = imageManifest("", "").getBytes(StandardCharsets.UTF_8);
        Manifest m = ManifestParser.parse(bytes, Optional.empty(), DigestAlgorithm.SHA512);
        assertEquals(DigestAlgorithm.SHA512, m.digest().algorithm());
    }
}
