package io.wharf.storage.inmemory;

import io.wharf.domain.port.StorageDriver;
import io.wharf.storage.testkit.StorageDriverContract;

/** The shared contract; every instance in one test shares one store, like instances sharing a bucket. */
class InMemoryStorageDriverTest extends StorageDriverContract {

    private final InMemoryStore store = new InMemoryStore();

    @Override
    protected StorageDriver newDriver() {
        return new InMemoryStorageDriver(store);
    }
}
