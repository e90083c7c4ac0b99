package io.wharf.http.internal;

import io.wharf.domain.error.ErrorCode;
import io.wharf.domain.error.RegistryException;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.Reference;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RouteParserTest {
    static final String HEX = "a".repeat(64);
    static final Digest DIGEST = Digest.parse("sha256:" + HEX);
    static final RepositoryName NESTED = RepositoryName.of("library/team/app");

    @Test
    void base_and_catalog() {
        assertEquals(new RegistryRoute.Base(), RouteParser.parse("/v2/"));
        assertEquals(new RegistryRoute.Base(), RouteParser.parse("/v2"));
        assertEquals(new RegistryRoute.Catalog(), RouteParser.parse("/v2/_catalog"));
    }

    @Test
    void names_with_slashes_for_every_kind() {
        assertEquals(new RegistryRoute.TagList(NESTED), RouteParser.parse("/v2/library/team/app/tags/list"));
        assertEquals(new RegistryRoute.Manifest(NESTED, new Reference.ByTag(Tag.of("v1.0"))),
                RouteParser.parse("/v2/library/team/app/manifests/v1.0"));
        assertEquals(new RegistryRoute.Manifest(NESTED, new Reference.ByDigest(DIGEST)),
                RouteParser.parse("/v2/library/team/app/manifests/sha256:" + HEX));
        assertEquals(new RegistryRoute.Blob(NESTED, DIGEST), RouteParser.parse("/v2/library/team/app/blobs/sha256:" + HEX));
        assertEquals(new RegistryRoute.UploadStart(NESTED), RouteParser.parse("/v2/library/team/app/blobs/uploads/"));
        assertEquals(new RegistryRoute.UploadStart(NESTED), RouteParser.parse("/v2/library/team/app/blobs/uploads"));
        UUID id = UUID.randomUUID();
        assertEquals(new RegistryRoute.Upload(NESTED, id), RouteParser.parse("/v2/library/team/app/blobs/uploads/" + id));
        assertEquals(new RegistryRoute.Referrers(NESTED, DIGEST),
                RouteParser.parse("/v2/library/team/app/referrers/sha256:" + HEX));
    }

    @Test
    void a_name_may_end_in_a_word_that_is_also_a_route_segment() {
        // "blobs" as the last name component: the suffix still decides, the rest is the name
        assertEquals(new RegistryRoute.TagList(RepositoryName.of("a/blobs")), RouteParser.parse("/v2/a/blobs/tags/list"));
        assertEquals(new RegistryRoute.Manifest(RepositoryName.of("x/manifests"), new Reference.ByTag(Tag.of("latest"))),
                RouteParser.parse("/v2/x/manifests/manifests/latest"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/v1/", "/v2foo", "/v2/foo", "/v2/foo/bar", "/v2/foo/manifests/", "/v2/foo/blobs/",
            "/v2/foo/tags", "/v2/foo/something/else", "/favicon.ico"})
    void unknown_shapes(String path) {
        assertInstanceOf(RegistryRoute.Unknown.class, RouteParser.parse(path));
    }

    @Test
    void invalid_parameters_are_client_errors() {
        assertCode(ErrorCode.NAME_INVALID, "/v2/UPPER/tags/list");
        assertCode(ErrorCode.NAME_INVALID, "/v2//tags/list");
        assertCode(ErrorCode.NAME_INVALID, "/v2/blobs/sha256:" + HEX);
        assertCode(ErrorCode.NAME_INVALID, "/v2/a//b/manifests/latest");
        assertCode(ErrorCode.DIGEST_INVALID, "/v2/x/manifests/sha256:totallywrong");
        assertCode(ErrorCode.DIGEST_INVALID, "/v2/x/blobs/md5:abc");
        assertCode(ErrorCode.DIGEST_INVALID, "/v2/x/blobs/nodigest");
        assertCode(ErrorCode.DIGEST_INVALID, "/v2/x/referrers/sha256:ABC");
        assertCode(ErrorCode.MANIFEST_INVALID, "/v2/x/manifests/-bad");
        assertCode(ErrorCode.BLOB_UPLOAD_UNKNOWN, "/v2/x/blobs/uploads/not-a-uuid");
        assertCode(ErrorCode.BLOB_UPLOAD_UNKNOWN, "/v2/x/blobs/uploads/1-2-3-4-5");
    }

    private static void assertCode(ErrorCode expected, String path) {
        RegistryException e = assertThrows(RegistryException.class, () -> RouteParser.parse(path));
        assertEquals(expected, e.code(), path);
    }
}
