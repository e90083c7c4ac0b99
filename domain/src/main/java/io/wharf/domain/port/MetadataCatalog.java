package io.wharf.domain.port;

/** The whole metadata catalog, as one adapter provides it. Use cases depend on the narrow parts. */
public interface MetadataCatalog extends RepositoryIndex, BlobIndex, ManifestIndex, UploadSessionStore, EventOutbox,
        CatalogPing, PullLog, AutoCloseable {

    @Override
    void close();
}
