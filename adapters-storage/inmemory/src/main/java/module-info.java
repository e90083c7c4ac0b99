/**
 * The in-memory storage driver, for tests and throw-away registries. Nothing is exported: bootstrap
 * finds the factory through {@link java.util.ServiceLoader}.
 */
module io.wharf.storage.inmemory {
    requires io.wharf.domain;

    provides io.wharf.domain.port.StorageDriverFactory
            with io.wharf.storage.inmemory.InMemoryStorageDriverFactory;
}
