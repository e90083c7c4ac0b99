package io.wharf.storage.s3;

import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Builds the SDK objects of one driver instance from its settings. */
final class S3Clients {
    /**
     * Every writer keeps up to {@code parallelparts} requests in flight and every reader holds a connection
     * while a blob streams out, so the SDK's default of 50 would throttle a busy registry.
     */
    static final int MAX_CONNECTIONS = 256;

    private S3Clients() {
    }

    static AwsCredentialsProvider credentials(S3Settings settings) {
        return settings.keys()
                .<AwsCredentialsProvider>map(keys -> StaticCredentialsProvider.create(keys.sessionToken()
                        .<AwsCredentials>map(token ->
                                AwsSessionCredentials.create(keys.accessKey(), keys.secretKey(), token))
                        .orElseGet(() -> AwsBasicCredentials.create(keys.accessKey(), keys.secretKey()))))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }

    static S3Client client(S3Settings settings, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.forcePathStyle())
                .httpClientBuilder(Apache5HttpClient.builder()
                        .maxConnections(MAX_CONNECTIONS)
                        .connectionAcquisitionTimeout(Duration.ofSeconds(30)))
                .overrideConfiguration(override -> {
                    override.retryStrategy(retry -> retry.maxAttempts(settings.maxRetries() + 1));
                    if (settings.maxRequestsPerSecond() > 0) {
                        override.addExecutionInterceptor(new RateLimitInterceptor(
                                RequestRateLimiter.perSecond(settings.maxRequestsPerSecond())));
                    }
                });
        settings.endpoint().ifPresent(endpoint -> builder
                .endpointOverride(endpoint)
                // S3-compatible stores often reject the newer default (CRC trailers on every upload);
                // checksums then go only where S3 requires them
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return builder.build();
    }

    static S3Presigner presigner(S3Settings settings, AwsCredentialsProvider credentials) {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.forcePathStyle()).build());
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
