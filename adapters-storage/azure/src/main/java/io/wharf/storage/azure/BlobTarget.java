package io.wharf.storage.azure;

import com.azure.storage.blob.BlobClient;

import java.io.IOException;

/** One object's blob, with the names its failures are reported under. */
record BlobTarget(String path, String container, String name, BlobClient client) {

    IOException failure(String operation, RuntimeException e) {
        return AzureFailures.io(operation, container, name, e);
    }
}
