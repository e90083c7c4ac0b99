/**
 * The S3 storage driver. Nothing is exported: bootstrap finds the factory through
 * {@link java.util.ServiceLoader} and only ever sees the domain's {@code StorageDriver} port.
 * The lint against names ending in digits is silenced: "s3" is the store's name.
 */
@SuppressWarnings("module")
module io.wharf.storage.s3 {
    requires io.wharf.domain;
    requires software.amazon.awssdk.services.s3;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.apache5;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.retries.api;
    // httpclient5 (under the Apache 5 client) uses jdk.net.Sockets for keep-alive options
    requires jdk.net;

    provides io.wharf.domain.port.StorageDriverFactory
            with io.wharf.storage.s3.S3StorageDriverFactory;
}
