package io.wharf.storage.s3;

import static io.wharf.storage.testkit.TestContent.random;
import static io.wharf.storage.testkit.TestContent.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageWriter;
import io.wharf.storage.testkit.servers.S3ProxyServer;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * Storage class and server-side encryption, as far as S3Proxy (filesystem backend) can show them: it keeps
 * the storage class of a PutObject but not of multipart uploads or copies, and refuses every SSE header with
 * 501, which at least proves the driver sends it on every request that creates an object.
 */
class S3ObjectOptionsTest {
    private static S3ProxyServer server;

    private String bucket;
    private S3Client sdk;

    @BeforeAll
    static void startServer() throws IOException {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void newBucket() throws IOException {
        bucket = S3Fixture.newBucket(server);
        sdk = S3Fixture.sdk(server);
    }

    @AfterEach
    void closeSdk() {
        sdk.close();
    }

    private StorageDriver driver(Map<String, String> extra) {
        Map<String, String> settings = S3Fixture.settings(server, bucket);
        settings.put("chunksize", "5MiB");
        settings.putAll(extra);
        return S3Fixture.driver(settings);
    }

    private String storageClassOf(String key) {
        return sdk.headObject(r -> r.bucket(bucket).key(key)).storageClassAsString();
    }

    @Test
    void newObjectsGetTheConfiguredStorageClass() throws IOException {
        try (StorageDriver driver = driver(Map.of("storageclass", "REDUCED_REDUNDANCY"))) {
            driver.putContent("/a", utf8("x"));
            try (StorageWriter writer = driver.writer("/b", false)) {
                writer.write(utf8("small"), 0, 5);
            }
        }
        assertEquals("REDUCED_REDUNDANCY", storageClassOf("a"));
        assertEquals("REDUCED_REDUNDANCY", storageClassOf("b"));
    }

    @Test
    void storageClassNoneSendsNoneAndTheStoreDefaultApplies() throws IOException {
        try (StorageDriver driver = driver(Map.of("storageclass", "NONE"))) {
            driver.putContent("/a", utf8("x"));
        }
        assertEquals("STANDARD", storageClassOf("a"));
    }

    @Test
    void aStorageClassTheStoreRejectsFailsNamingS3sAnswer() throws IOException {
        try (StorageDriver driver = driver(Map.of("storageclass", "NO_SUCH_CLASS"))) {
            IOException e = assertThrows(IOException.class, () -> driver.putContent("/a", utf8("x")));
            assertTrue(e.getMessage().contains("HTTP 400 InvalidStorageClass"), e.getMessage());
        }
    }

    @Test
    void encryptionIsRequestedForEveryNewObject() throws IOException {
        byte[] large = random(1, 6 << 20);
        for (Map<String, String> encryption : List.of(Map.of("encrypt", "true"),
                Map.of("encrypt", "true", "keyid", "alias/registry"))) {
            try (StorageDriver driver = driver(encryption)) {
                assertRefusedForEncryption(() -> driver.putContent("/a", utf8("x")));
                assertRefusedForEncryption(() -> {
                    try (StorageWriter writer = driver.writer("/b", false)) {
                        writer.write(large, 0, large.length);
                    }
                });
            }
        }
        try (StorageDriver plain = driver(Map.of()); StorageDriver encrypting = driver(Map.of("encrypt", "true"))) {
            plain.putContent("/c", utf8("x"));
            assertRefusedForEncryption(() -> encrypting.move("/c", "/d"));
        }
    }

    private static void assertRefusedForEncryption(Executable call) {
        IOException e = assertThrows(IOException.class, call);
        assertTrue(e.getMessage().contains("HTTP 501 NotImplemented: Server-side encryption is not supported"),
                e.getMessage());
    }
}
