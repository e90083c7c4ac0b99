package io.wharf.storage.s3;

import static io.wharf.storage.testkit.TestContent.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wharf.domain.port.StorageDriver;
import io.wharf.storage.testkit.StorageDriverContract;
import io.wharf.storage.testkit.servers.S3ProxyServer;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The contract again with {@code rootdirectory}: all tests share one bucket, each under a prefix of its
 * own, next to objects outside the root that the driver must neither see nor touch.
 */
class S3StorageDriverUnderRootDirectoryTest extends StorageDriverContract {
    private static final AtomicInteger TESTS = new AtomicInteger();
    private static S3ProxyServer server;
    private static String bucket;

    private final String root = "/tenants/t" + TESTS.incrementAndGet() + "/registry/";

    @BeforeAll
    static void startServer() throws IOException {
        server = S3ProxyServer.start();
        bucket = S3Fixture.newBucket(server);
        try (S3Client sdk = S3Fixture.sdk(server)) {
            // neighbours whose keys extend the root prefixes without a '/'
            sdk.putObject(r -> r.bucket(bucket).key("tenants/t1/registry-other/x"), RequestBody.fromString("n"));
            sdk.putObject(r -> r.bucket(bucket).key("outside"), RequestBody.fromString("o"));
        }
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected StorageDriver newDriver() {
        Map<String, String> settings = S3Fixture.settings(server, bucket);
        settings.put("rootdirectory", root);
        return S3Fixture.driver(settings);
    }

    @Override
    protected boolean offersRedirects() {
        return true;
    }

    @Test
    void objectsAreKeyedUnderTheRootDirectory() throws IOException {
        driver.putContent("/docker/registry/v2/x", utf8("inside"));
        String prefix = root.substring(1);
        try (S3Client sdk = S3Fixture.sdk(server)) {
            List<String> keys = sdk.listObjectsV2(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
                    .map(S3Object::key).toList();
            assertEquals(List.of(prefix + "docker/registry/v2/x"), keys);
            assertArrayEquals(utf8("inside"),
                    sdk.getObjectAsBytes(r -> r.bucket(bucket).key(prefix + "docker/registry/v2/x")).asByteArray());
        }
        assertEquals(List.of("/docker"), driver.list("/"));
    }

    @Test
    void objectsOutsideTheRootDirectoryStay() throws IOException {
        driver.putContent("/a", utf8("x"));
        driver.delete("/a");
        try (S3Client sdk = S3Fixture.sdk(server)) {
            assertArrayEquals(utf8("o"), sdk.getObjectAsBytes(r -> r.bucket(bucket).key("outside")).asByteArray());
            assertArrayEquals(utf8("n"), sdk.getObjectAsBytes(
                    r -> r.bucket(bucket).key("tenants/t1/registry-other/x")).asByteArray());
        }
    }
}
