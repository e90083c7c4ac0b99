package io.wharf.storage.gcs;

import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import com.google.cloud.storage.spi.v1.StorageRpc;

/**
 * One in-process bucket from Google's {@code LocalStorageHelper}, fresh for each instance. Every {@link Storage}
 * client it makes talks to the same objects, as registry instances share one bucket.
 */
final class LocalStorage {
    static final String BUCKET = "wharf-test";

    // lenient (false): the fake then accepts the options it does not model, such as precondition headers
    private final StorageRpc rpc = new SynchronizedStorageRpc((StorageRpc) LocalStorageHelper.customOptions(false).getRpc());

    Storage newClient() {
        return StorageOptions.http()
                .setProjectId("wharf-test")
                .setCredentials(NoCredentials.getInstance())
                .setServiceRpcFactory(options -> rpc)
                .build()
                .getService();
    }
}
