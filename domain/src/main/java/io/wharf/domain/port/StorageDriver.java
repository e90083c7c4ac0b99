package io.wharf.domain.port;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where blob bytes live: a small key/value file system, after distribution's storage driver.
 * Paths are absolute, '/'-separated, of {@code [A-Za-z0-9._:-]} components (see {@code StorageLayout}).
 * Every driver runs the one shared contract test suite in the storage test kit.
 */
public interface StorageDriver extends AutoCloseable {

    /** The driver's configuration name, e.g. {@code filesystem}. */
    String name();

    /** Size of the object at {@code path}, or empty when there is none (directories have no stat). */
    Optional<StorageStat> stat(String path) throws IOException;

    /** Reads the object at {@code path} from {@code offset}; {@link PathNotFoundException} when absent. */
    InputStream reader(String path, long offset) throws IOException;

    /**
     * A writer for an object that is built up over several requests (an upload). With {@code append}
     * it continues what earlier writers committed at {@code path}, possibly from another instance.
     */
    StorageWriter writer(String path, boolean append) throws IOException;

    /** The whole (small) object at {@code path}; {@link PathNotFoundException} when absent. */
    byte[] getContent(String path) throws IOException;

    /** Stores {@code content} at {@code path} atomically: readers see the old or the new object, never part. */
    void putContent(String path, byte[] content) throws IOException;

    /**
     * Moves an object to {@code to} atomically, replacing what is there. This is how a finished upload
     * becomes a blob, so a crash never leaves a partial blob visible.
     */
    void move(String from, String to) throws IOException;

    /** Deletes the object or the whole tree at {@code path}; {@link PathNotFoundException} when absent. */
    void delete(String path) throws IOException;

    /** The full paths of the direct children of the directory {@code path}, sorted. */
    List<String> list(String path) throws IOException;

    /** A URL a client may fetch the object from directly, when the driver supports it. */
    default Optional<URI> redirectUrl(String path, Duration expiry) throws IOException {
        return Optional.empty();
    }

    @Override
    default void close() throws IOException {
    }
}
