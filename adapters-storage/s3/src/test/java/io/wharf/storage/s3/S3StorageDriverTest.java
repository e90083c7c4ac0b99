package io.wharf.storage.s3;

import io.wharf.domain.port.StorageDriver;
import io.wharf.storage.testkit.StorageDriverContract;
import io.wharf.storage.testkit.servers.S3ProxyServer;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared contract against S3Proxy; each test gets a bucket of its own, shared by all its instances. */
class S3StorageDriverTest extends StorageDriverContract {
    private static S3ProxyServer server;

    private String bucket;

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

    @Override
    protected StorageDriver newDriver() throws IOException {
        if (bucket == null) {
            bucket = S3Fixture.newBucket(server);
        }
        return S3Fixture.driver(server, bucket);
    }

    @Override
    protected boolean offersRedirects() {
        return true;
    }
}
