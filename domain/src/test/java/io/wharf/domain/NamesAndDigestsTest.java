package io.wharf.domain;

import io.wharf.domain.error.ErrorCode;
import io.wharf.domain.error.RegistryException;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.DigestAlgorithm;
import io.wharf.domain.model.Reference;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.StorageLayout;
import io.wharf.domain.model.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NamesAndDigestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "library/ubuntu", "my-org/my.app_v2/sub__x", "a0/b-c---d", "x/y/z/w"})
    void acceptsRepositoryNamesOfTheSpecGrammar(String name) {
        assertEquals(name, RepositoryName.of(name).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "UPPER", "-lead", "trail-", "a//b", "/a", "a/", "a..b", "a___b", "a:b", "a b"})
    void rejectsRepositoryNamesOutsideTheGrammar(String name) {
        var e = assertThrows(RegistryException.class, () -> RepositoryName.of(name));
        assertEquals(ErrorCode.NAME_INVALID, e.code());
    }

    @Test
    void repositoryNamesStopAt255Characters() {
        String ok = "a".repeat(255);
        assertEquals(ok, RepositoryName.of(ok).value());
        var e = assertThrows(RegistryException.class, () -> RepositoryName.of("a".repeat(256)));
        assertEquals(ErrorCode.NAME_INVALID, e.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "v1.2.3", "_x", "A-b_c.D", "0"})
    void acceptsTags(String tag) {
        assertEquals(tag, Tag.of(tag).value());
    }

    @Test
    void rejectsBadTags() {
        for (String bad : new String[] {"", ".x", "-x", "a/b", "a:b", "x".repeat(129)}) {
            assertThrows(RegistryException.class, () -> Tag.of(bad), bad);
        }
        assertEquals(128, Tag.of("x".repeat(128)).value().length());
    }

    @Test
    void parsesSha256AndSha512Digests() {
        Digest d = Digest.parse("sha256:" + "a".repeat(64));
        assertEquals(DigestAlgorithm.SHA256, d.algorithm());
        assertEquals("sha256:" + "a".repeat(64), d.toString());
        assertEquals(DigestAlgorithm.SHA512, Digest.parse("sha512:" + "0".repeat(128)).algorithm());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256:totallywrong", "sha256:" + "A", "md5:abcd", "sha256", ":abc", "sha512:abc",
            "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaA"})
    void rejectsMalformedDigestsAsDigestInvalid(String text) {
        var e = assertThrows(RegistryException.class, () -> Digest.parse(text));
        assertEquals(ErrorCode.DIGEST_INVALID, e.code());
    }

    @Test
    void computesTheDigestOfContent() {
        assertEquals("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
                Digest.sha256("hello".getBytes(StandardCharsets.UTF_8)).toString());
    }

    @Test
    void aReferenceWithAColonIsADigestOtherwiseATag() {
        assertInstanceOf(Reference.ByTag.class, Reference.parse("latest"));
        assertInstanceOf(Reference.ByDigest.class, Reference.parse("sha256:" + "b".repeat(64)));
        assertThrows(RegistryException.class, () -> Reference.parse("sha256:nothex"));
        assertThrows(RegistryException.class, () -> Reference.parse("bad tag"));
    }

    @Test
    void blobsLiveAtDistributionsPaths() {
        Digest d = Digest.parse("sha256:" + "ab".repeat(32));
        assertEquals("/docker/registry/v2/blobs/sha256/ab/" + "ab".repeat(32) + "/data", StorageLayout.blobData(d));
    }
}
