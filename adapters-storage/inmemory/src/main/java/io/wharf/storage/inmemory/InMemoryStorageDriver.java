package io.wharf.storage.inmemory;

import io.wharf.domain.port.StoragePaths;

import io.wharf.domain.port.PathNotFoundException;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageStat;
import io.wharf.domain.port.StorageWriter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Keeps objects in an {@link InMemoryStore}. Stored arrays are never changed, so reads share them and
 * only {@link #getContent} and {@link #putContent} copy (the caller may change its array).
 */
final class InMemoryStorageDriver implements StorageDriver {
    static final String NAME = "inmemory";

    private static final byte[] EMPTY = new byte[0];

    private final InMemoryStore store;

    InMemoryStorageDriver(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<StorageStat> stat(String path) {
        StoredObject object = store.get(path);
        return object == null
                ? Optional.empty()
                : Optional.of(new StorageStat(path, object.bytes().length, object.modified()));
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        byte[] bytes = existing(path).bytes();
        if (offset < 0) {
            throw new IllegalArgumentException("offset " + offset + " is negative");
        }
        int start = (int) Math.min(offset, bytes.length);
        return new ByteArrayInputStream(bytes, start, bytes.length - start);
    }

    /** Like the filesystem driver, the object exists (empty, or as it was when appending) from now on. */
    @Override
    public StorageWriter writer(String path, boolean append) throws IOException {
        StoredObject previous = store.get(path);
        byte[] initial = append && previous != null ? previous.bytes() : EMPTY;
        store.put(path, initial);
        return new InMemoryStorageWriter(store, path, initial);
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        return existing(path).bytes().clone();
    }

    @Override
    public void putContent(String path, byte[] content) throws IOException {
        store.put(path, content.clone());
    }

    @Override
    public void move(String from, String to) throws IOException {
        store.move(from, to);
    }

    @Override
    public void delete(String path) throws IOException {
        store.delete(path);
    }

    @Override
    public List<String> list(String path) throws IOException {
        List<String> children = store.children(path);
        // the root always exists, as the filesystem driver's root directory does
        if (children.isEmpty() && !path.equals(StoragePaths.ROOT)) {
            throw new PathNotFoundException(path);
        }
        return children;
    }

    private StoredObject existing(String path) throws PathNotFoundException {
        StoredObject object = store.get(path);
        if (object == null) {
            throw new PathNotFoundException(path);
        }
        return object;
    }
}
