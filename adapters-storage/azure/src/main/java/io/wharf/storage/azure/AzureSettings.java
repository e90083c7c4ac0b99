package io.wharf.storage.azure;

import java.util.Objects;

/**
 * The driver's configuration once checked by the factory.
 *
 * @param credential      the one configured way to authenticate
 * @param endpoint        the account's blob endpoint, e.g. {@code https://acct.blob.core.windows.net}; null when
 *                        a connection string supplies it
 * @param container       the container holding every object
 * @param names           maps storage paths to blob names below {@code rootdirectory}
 * @param blockSize       bytes a writer buffers before staging a block
 * @param parallelBlocks  blocks one writer uploads at once
 * @param maxRetries      retries of a failed request, after the first try
 * @param createContainer whether startup creates a missing container instead of failing
 */
record AzureSettings(AzureCredential credential, String endpoint, String container, BlobNames names,
                     int blockSize, int parallelBlocks, int maxRetries, boolean createContainer) {
    AzureSettings {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(names, "names");
        if (blockSize < 1 || parallelBlocks < 1 || maxRetries < 0) {
            throw new IllegalArgumentException("blockSize " + blockSize + ", parallelBlocks " + parallelBlocks
                    + ", maxRetries " + maxRetries);
        }
        if (endpoint == null && !(credential instanceof AzureCredential.ConnectionString)) {
            throw new IllegalArgumentException("only a connection string can stand in for the endpoint");
        }
    }
}
