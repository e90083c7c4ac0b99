package io.wharf.storage.gcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.InvalidSettingException;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageDriverFactory;
import io.wharf.storage.testkit.StorageDriverFactories;
import io.wharf.storage.testkit.servers.TestServers;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings and client construction. No test here reaches Google: drivers are made from a generated key file,
 * or against a loopback port nothing listens on, where a call fails at once (which proves where it went).
 */
class GcsStorageDriverFactoryTest {
    private static final String SECTION = "storage.gcs";

    @TempDir
    Path temp;

    private final StorageDriverFactory factory = new GcsStorageDriverFactory(Map.of());

    @Test
    void isFoundByServiceLoaderUnderItsName() {
        StorageDriverFactory found = StorageDriverFactories.byName("gcs").orElseThrow();
        assertInstanceOf(GcsStorageDriverFactory.class, found);
        assertEquals(Set.of("bucket", "keyfile", "rootdirectory", "chunksize", "endpoint", "maxretries"),
                found.settingKeys());
    }

    @Test
    void createsADriverFromAKeyFileWithoutSendingAnything() throws IOException {
        Path keyfile = ServiceAccountKeys.generate().writeKeyFile(temp);
        try (StorageDriver driver = factory.create(settings(Map.of("bucket", "my-bucket", "keyfile", keyfile.toString(),
                "rootdirectory", "/registry", "chunksize", "524288", "maxretries", "0")))) {
            assertEquals("gcs", driver.name());
            assertTrue(driver.redirectUrl("/a/b", Duration.ofMinutes(1)).isPresent(), "a key file can sign");
        }
    }

    @Test
    void theEmulatorHostIsUsedWithoutCredentials() throws IOException {
        int port = TestServers.freePort(); // nothing listens there
        StorageDriverFactory withEmulator = new GcsStorageDriverFactory(Map.of("STORAGE_EMULATOR_HOST", "127.0.0.1:" + port));
        try (StorageDriver driver = withEmulator.create(settings(Map.of("bucket", "my-bucket", "maxretries", "0")))) {
            assertEquals(Optional.empty(), driver.redirectUrl("/a/b", Duration.ofMinutes(1)), "nothing to sign with");
            IOException e = assertThrows(IOException.class, () -> driver.stat("/a/b"));
            assertRefusedNaming(e, "stat", "gs://my-bucket/a/b");
        }
    }

    @Test
    void theEndpointSettingWinsOverTheEmulatorHost() throws IOException {
        int closed = TestServers.freePort();
        // a call sent to the emulator host would be accepted there and then time out, not be refused
        try (ServerSocket emulator = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StorageDriverFactory withEmulator = new GcsStorageDriverFactory(
                    Map.of("STORAGE_EMULATOR_HOST", "127.0.0.1:" + emulator.getLocalPort()));
            try (StorageDriver driver = withEmulator.create(settings(Map.of("bucket", "my-bucket",
                    "endpoint", "http://127.0.0.1:" + closed, "rootdirectory", "root", "maxretries", "0")))) {
                IOException e = assertThrows(IOException.class, () -> driver.getContent("/x"));
                assertRefusedNaming(e, "read", "gs://my-bucket/root/x");
            }
        }
    }

    @Test
    void signedUrlsUseTheEndpoint() throws IOException {
        Path keyfile = ServiceAccountKeys.generate().writeKeyFile(temp);
        try (StorageDriver driver = factory.create(settings(Map.of("bucket", "my-bucket", "keyfile", keyfile.toString(),
                "endpoint", "http://127.0.0.1:4443")))) {
            URI url = driver.redirectUrl("/x", Duration.ofMinutes(1)).orElseThrow();
            assertEquals("http://127.0.0.1:4443/my-bucket/x", url.toString().substring(0, url.toString().indexOf('?')));
        }
    }

    @Test
    void aMissingOrMalformedBucketNamesItsKey() {
        assertKeyRejected(Map.of(), "bucket");
        assertKeyRejected(Map.of("bucket", "Has_Upper"), "bucket");
        assertKeyRejected(Map.of("bucket", "a"), "bucket");
    }

    @Test
    void anUnknownKeyIsRejected() {
        InvalidSettingException e = assertKeyRejected(Map.of("bucket", "my-bucket", "region", "eu"), "region");
        assertTrue(e.getMessage().contains("keyfile"), e.getMessage());
    }

    @Test
    void aChunkSizeMustBeAPositiveMultipleOf256KiB() {
        assertKeyRejected(Map.of("bucket", "my-bucket", "chunksize", "1000000"), "chunksize");
        assertKeyRejected(Map.of("bucket", "my-bucket", "chunksize", "0"), "chunksize");
        assertKeyRejected(Map.of("bucket", "my-bucket", "chunksize", "16MiB"), "chunksize");
    }

    @Test
    void maxRetriesMustBeASmallWholeNumber() {
        assertKeyRejected(Map.of("bucket", "my-bucket", "maxretries", "-1"), "maxretries");
        assertKeyRejected(Map.of("bucket", "my-bucket", "maxretries", "many"), "maxretries");
    }

    @Test
    void anEndpointMustBeAnHttpHostWithoutAPath() {
        assertKeyRejected(Map.of("bucket", "my-bucket", "endpoint", "ftp://host"), "endpoint");
        assertKeyRejected(Map.of("bucket", "my-bucket", "endpoint", "https://host/storage/v1"), "endpoint");
        assertKeyRejected(Map.of("bucket", "my-bucket", "endpoint", "http://bad host"), "endpoint");
    }

    @Test
    void aRootDirectoryMustBeAValidStoragePath() {
        assertKeyRejected(Map.of("bucket", "my-bucket", "rootdirectory", "a/../b"), "rootdirectory");
        assertKeyRejected(Map.of("bucket", "my-bucket", "rootdirectory", "my registry"), "rootdirectory");
        assertKeyRejected(Map.of("bucket", "my-bucket", "rootdirectory", "a//b"), "rootdirectory");
    }

    @Test
    void rootDirectorySlashesAreIgnored() {
        assertEquals("registry/v2/", prefix("/registry/v2/"));
        assertEquals("registry/", prefix("registry"));
        assertEquals("", prefix("/"));
        assertEquals("", prefix(""));
    }

    @Test
    void aKeyFileThatIsMissingOrNotAServiceAccountKeyNamesItsKey() throws IOException {
        assertKeyRejected(Map.of("bucket", "my-bucket", "keyfile", temp.resolve("missing.json").toString()), "keyfile");
        Path notJson = Files.writeString(temp.resolve("key.json"), "not json");
        assertKeyRejected(Map.of("bucket", "my-bucket", "keyfile", notJson.toString()), "keyfile");
        Path userCredentials = Files.writeString(temp.resolve("user.json"),
                "{\"type\": \"authorized_user\", \"client_id\": \"x\", \"client_secret\": \"y\", \"refresh_token\": \"z\"}");
        assertKeyRejected(Map.of("bucket", "my-bucket", "keyfile", userCredentials.toString()), "keyfile");
        assertKeyRejected(Map.of("bucket", "my-bucket", "keyfile", " "), "keyfile");
    }

    @Test
    void aBadEmulatorHostNamesTheVariable() {
        StorageDriverFactory withEmulator = new GcsStorageDriverFactory(Map.of("STORAGE_EMULATOR_HOST", "ftp://x"));
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> withEmulator.create(settings(Map.of("bucket", "my-bucket"))));
        assertEquals("STORAGE_EMULATOR_HOST", e.key());
    }

    private static String prefix(String rootDirectory) {
        return GcsSettings.from(settings(Map.of("bucket", "my-bucket", "rootdirectory", rootDirectory)), Map.of()).prefix();
    }

    private InvalidSettingException assertKeyRejected(Map<String, String> values, String key) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> factory.create(settings(values)),
                () -> "accepted " + values);
        assertEquals(SECTION + "." + key, e.key(), e.getMessage());
        return e;
    }

    /** The SDK's own HTTP transport ran (on the module path) and its failure names the call and the object. */
    private static void assertRefusedNaming(IOException e, String operation, String object) {
        assertTrue(e.getMessage().startsWith("GCS " + operation + " of " + object + " failed"), e.getMessage());
        boolean refused = false;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            refused |= cause instanceof ConnectException;
        }
        assertTrue(refused, () -> "not a refused connection: " + e);
    }

    private static AdapterSettings settings(Map<String, String> values) {
        return new AdapterSettings(SECTION, new HashMap<>(values));
    }
}
