package io.wharf.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.InvalidSettingException;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageDriverFactory;
import io.wharf.storage.testkit.StorageDriverFactories;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settings are checked without any server: every bad value fails at startup naming its full key. */
class S3StorageDriverFactoryTest {
    private static final String SECTION = "storage.s3";

    private final StorageDriverFactory factory = new S3StorageDriverFactory();

    private static Map<String, String> minimal() {
        Map<String, String> values = new HashMap<>();
        values.put("bucket", "registry");
        values.put("region", "eu-west-1");
        values.put("accesskey", "AKIAEXAMPLE");
        values.put("secretkey", "secret-example");
        return values;
    }

    private static S3Settings parse(Map<String, String> values) {
        return SettingsParser.parse(new AdapterSettings(SECTION, values));
    }

    private static InvalidSettingException rejected(Map<String, String> values) {
        return assertThrows(InvalidSettingException.class, () -> parse(values));
    }

    @Test
    void isFoundByServiceLoaderUnderItsName() {
        StorageDriverFactory found = StorageDriverFactories.byName("s3").orElseThrow();
        assertInstanceOf(S3StorageDriverFactory.class, found);
        assertEquals(Set.of("bucket", "region", "regionendpoint", "forcepathstyle", "accesskey", "secretkey",
                "sessiontoken", "encrypt", "keyid", "storageclass", "rootdirectory", "chunksize", "parallelparts",
                "maxretries", "maxrequestspersecond", "multipartcopythresholdsize", "multipartcopychunksize",
                "multipartcopymaxconcurrency"), found.settingKeys());
    }

    /** Creating a driver contacts nobody, and its redirect URLs are signed locally. */
    @Test
    void createsADriverWithoutContactingS3() throws IOException {
        try (StorageDriver driver = factory.create(new AdapterSettings(SECTION, minimal()))) {
            assertEquals("s3", driver.name());
            Optional<URI> url = driver.redirectUrl("/docker/registry/v2/blobs/sha256/ab/ab12/data", Duration.ofDays(30));
            String text = url.orElseThrow().toString();
            assertTrue(text.startsWith("https://registry.s3.eu-west-1.amazonaws.com/docker/registry/v2/blobs/")
                    || text.startsWith("https://s3.eu-west-1.amazonaws.com/registry/docker/"), text);
            assertTrue(text.contains("X-Amz-Expires=604800"), "capped at 7 days: " + text);
            assertFalse(text.contains("secret-example"), text);
        }
    }

    @Test
    void defaults() {
        S3Settings settings = parse(minimal());
        assertEquals("registry", settings.bucket());
        assertEquals("eu-west-1", settings.region());
        assertEquals(Optional.empty(), settings.endpoint());
        assertFalse(settings.forcePathStyle());
        assertEquals(S3Settings.Encryption.NONE, settings.encryption());
        assertEquals(Optional.of("STANDARD"), settings.storageClass());
        assertEquals("", settings.keyPrefix());
        assertEquals(10 << 20, settings.chunkSize());
        assertEquals(4, settings.parallelParts());
        assertEquals(5, settings.maxRetries());
        assertEquals(0, settings.maxRequestsPerSecond());
        assertEquals(32L << 20, settings.multipartCopyThreshold());
        assertEquals(32L << 20, settings.multipartCopyChunkSize());
        assertEquals(16, settings.multipartCopyMaxConcurrency());
    }

    @Test
    void everySettingIsRead() {
        Map<String, String> values = minimal();
        values.putAll(Map.of("regionendpoint", "https://rgw.example:7480", "forcepathstyle", "TRUE",
                "encrypt", "true", "keyid", "arn:aws:kms:eu-west-1:1:key/k", "storageclass", "NONE",
                "rootdirectory", "/registry/v2-root/", "chunksize", "16MiB", "parallelparts", "8",
                "maxretries", "0", "maxrequestspersecond", "300"));
        values.putAll(Map.of("multipartcopythresholdsize", "104857600", "multipartcopychunksize", "64m",
                "multipartcopymaxconcurrency", "100", "sessiontoken", "token"));
        S3Settings settings = parse(values);
        assertEquals(Optional.of(URI.create("https://rgw.example:7480")), settings.endpoint());
        assertTrue(settings.forcePathStyle());
        assertEquals(new S3Settings.Encryption(true, Optional.of("arn:aws:kms:eu-west-1:1:key/k")), settings.encryption());
        assertEquals(Optional.empty(), settings.storageClass());
        assertEquals("registry/v2-root/", settings.keyPrefix());
        assertEquals(16 << 20, settings.chunkSize());
        assertEquals(8, settings.parallelParts());
        assertEquals(0, settings.maxRetries());
        assertEquals(300, settings.maxRequestsPerSecond());
        assertEquals(100L << 20, settings.multipartCopyThreshold());
        assertEquals(64L << 20, settings.multipartCopyChunkSize());
        assertEquals(100, settings.multipartCopyMaxConcurrency());
        assertEquals(Optional.of("token"), settings.keys().orElseThrow().sessionToken());
    }

    @Test
    void theSecretKeyIsNeverPrinted() {
        Map<String, String> values = minimal();
        values.put("sessiontoken", "session-example");
        String printed = parse(values).toString();
        assertFalse(printed.contains("secret-example") || printed.contains("session-example"), printed);
        assertTrue(printed.contains("AKIAEXAMPLE"), printed);
    }

    @Test
    void withoutKeysTheDefaultCredentialChainIsUsed() {
        Map<String, String> values = minimal();
        values.remove("accesskey");
        values.remove("secretkey");
        assertEquals(Optional.empty(), parse(values).keys());
    }

    @Test
    void anEndpointWithoutARegionDefaultsToUsEast1() {
        Map<String, String> values = minimal();
        values.remove("region");
        values.put("regionendpoint", "http://minio:9000");
        assertEquals("us-east-1", parse(values).region());
    }

    @Test
    void aRootDirectoryOfSlashIsNoPrefix() {
        Map<String, String> values = minimal();
        values.put("rootdirectory", "/");
        assertEquals("", parse(values).keyPrefix());
    }

    @ParameterizedTest(name = "missing {0}")
    @CsvSource({"bucket", "region"})
    void requiredKeysNameThemselves(String key) {
        Map<String, String> values = minimal();
        values.remove(key);
        assertEquals("storage.s3." + key, rejected(values).key());
    }

    @ParameterizedTest(name = "{0} = ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "bucket|' '",
            "region|eu west 1",
            "region|https://s3.amazonaws.com",
            "regionendpoint|minio:9000",
            "regionendpoint|ftp://host",
            "regionendpoint|http://",
            "forcepathstyle|yes",
            "encrypt|1",
            "storageclass|GLACIER IR",
            "rootdirectory|/a/../b",
            "rootdirectory|/with space",
            "chunksize|4MiB",
            "chunksize|5242879",
            "chunksize|2GiB",
            "chunksize|ten",
            "chunksize|-1",
            "parallelparts|0",
            "parallelparts|1.5",
            "maxretries|-1",
            "maxrequestspersecond|-5",
            "multipartcopychunksize|1MiB",
            "multipartcopychunksize|6GiB",
            "multipartcopythresholdsize|6GiB",
            "multipartcopymaxconcurrency|0",
            "keyid|some-key",
    })
    void badValuesNameTheirKey(String key, String value) {
        Map<String, String> values = minimal();
        values.put(key, value);
        InvalidSettingException e = rejected(values);
        assertEquals("storage.s3." + key, e.key(), e.getMessage());
    }

    @Test
    void oneKeyWithoutTheOtherNamesTheMissingOne() {
        Map<String, String> values = minimal();
        values.remove("secretkey");
        assertEquals("storage.s3.secretkey", rejected(values).key());
        values = minimal();
        values.remove("accesskey");
        assertEquals("storage.s3.accesskey", rejected(values).key());
    }

    @Test
    void aBadSecretIsNotEchoed() {
        Map<String, String> values = minimal();
        values.remove("accesskey");
        InvalidSettingException e = rejected(values);
        assertFalse(e.getMessage().contains("secret-example"), e.getMessage());
    }

    @Test
    void anUnknownKeyIsRejected() {
        Map<String, String> values = minimal();
        values.put("v4auth", "true");
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> factory.create(new AdapterSettings(SECTION, values)));
        assertEquals("storage.s3.v4auth", e.key());
        assertTrue(e.getMessage().contains("regionendpoint"), e.getMessage());
    }
}
