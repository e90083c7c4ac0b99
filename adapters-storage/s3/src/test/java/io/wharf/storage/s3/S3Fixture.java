package io.wharf.storage.s3;

import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.StorageDriver;
import io.wharf.storage.testkit.servers.S3ProxyServer;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Drivers and plain SDK clients over one S3Proxy, configured the way an operator would. */
final class S3Fixture {
    private S3Fixture() {
    }

    static Map<String, String> settings(S3ProxyServer server, String bucket) {
        Map<String, String> values = new HashMap<>();
        values.put("bucket", bucket);
        values.put("regionendpoint", server.endpoint().toString());
        values.put("forcepathstyle", "true");
        values.put("accesskey", server.identity());
        values.put("secretkey", server.credential());
        return values;
    }

    static StorageDriver driver(Map<String, String> values) {
        return new S3StorageDriverFactory().create(new AdapterSettings("storage.s3", values));
    }

    static StorageDriver driver(S3ProxyServer server, String bucket) {
        return driver(settings(server, bucket));
    }

    /** A fresh bucket, for a test that must not see any other test's objects. */
    static String newBucket(S3ProxyServer server) throws IOException {
        String bucket = S3ProxyServer.uniqueBucketName("wharf");
        server.createBucket(bucket);
        return bucket;
    }

    /** The SDK directly, to look at what the driver left in the bucket. */
    static S3Client sdk(S3ProxyServer server) {
        return S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(server.identity(), server.credential())))
                .build();
    }
}
