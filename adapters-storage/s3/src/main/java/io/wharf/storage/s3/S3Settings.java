package io.wharf.storage.s3;

import java.net.URI;
import java.util.Optional;

/**
 * The driver's configuration once parsed and checked (see {@link SettingsParser}); sizes are in bytes.
 *
 * @param endpoint the {@code regionendpoint} override, for S3-compatible stores
 * @param keys static credentials, or empty for the SDK's default credential chain
 * @param storageClass the storage class sent with every new object, or empty to send none
 * @param keyPrefix {@code rootdirectory} as a key prefix: empty, or components ending in '/'
 */
record S3Settings(
        String bucket,
        String region,
        Optional<URI> endpoint,
        boolean forcePathStyle,
        Optional<AccessKeys> keys,
        Encryption encryption,
        Optional<String> storageClass,
        String keyPrefix,
        int chunkSize,
        int parallelParts,
        int maxRetries,
        int maxRequestsPerSecond,
        long multipartCopyThreshold,
        long multipartCopyChunkSize,
        int multipartCopyMaxConcurrency) {

    /** S3's smallest part but the last; also the smallest object worth copying server-side on append. */
    static final int MIN_PART_SIZE = 5 << 20;
    /** S3's largest part, and the largest object a single CopyObject may copy. */
    static final long MAX_PART_SIZE = 5L << 30;
    /** S3's limit of parts in one multipart upload. */
    static final int MAX_PARTS = 10_000;

    /** Static credentials; {@link #toString()} leaves the secret out so the settings can be logged. */
    record AccessKeys(String accessKey, String secretKey, Optional<String> sessionToken) {
        @Override
        public String toString() {
            return "AccessKeys[accessKey=" + accessKey + ", secretKey=***"
                    + (sessionToken.isPresent() ? ", sessionToken=***" : "") + "]";
        }
    }

    /** Server-side encryption of new objects: none, S3-managed keys (AES256), or a KMS key. */
    record Encryption(boolean enabled, Optional<String> kmsKeyId) {
        static final Encryption NONE = new Encryption(false, Optional.empty());
    }
}
