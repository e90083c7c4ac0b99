/**
 * The filesystem storage driver. Nothing is exported: bootstrap finds the factory through
 * {@link java.util.ServiceLoader} and only ever sees the domain's {@code StorageDriver} port.
 */
module io.wharf.storage.filesystem {
    requires io.wharf.domain;

    provides io.wharf.domain.port.StorageDriverFactory
            with io.wharf.storage.filesystem.FilesystemStorageDriverFactory;
}
