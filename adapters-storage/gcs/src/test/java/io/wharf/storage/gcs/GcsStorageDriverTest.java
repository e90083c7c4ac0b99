package io.wharf.storage.gcs;

import io.wharf.domain.port.StorageDriver;
import io.wharf.storage.testkit.StorageDriverContract;

/** The shared contract over Google's in-process fake of GCS, plus what is particular to GCS. */
class GcsStorageDriverTest extends StorageDriverContract {
    final LocalStorage local = new LocalStorage();

    /** The object name prefix the driver is configured with. */
    String prefix() {
        return "";
    }

    @Override
    protected StorageDriver newDriver() {
        return new GcsStorageDriver(local.newClient(), new ObjectNames(LocalStorage.BUCKET, prefix()),
                GcsSettings.DEFAULT_CHUNK_SIZE);
    }
}
