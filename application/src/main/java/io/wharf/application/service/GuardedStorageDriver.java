package io.wharf.application.service;

import io.wharf.domain.port.PathNotFoundException;
import io.wharf.domain.port.StorageCall;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageObserver;
import io.wharf.domain.port.StoragePaths;
import io.wharf.domain.port.StorageStat;
import io.wharf.domain.port.StorageWriter;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the core does around every storage call, once, whichever driver is configured: rejects malformed
 * paths before a driver sees them, and reports each call with its duration and outcome to the observer
 * (metrics, spans, slow-call logs). Drivers stay free of both concerns.
 */
public final class GuardedStorageDriver implements StorageDriver {
    private final StorageDriver driver;
    private final StorageObserver observer;
    private final Clock clock;

    public GuardedStorageDriver(StorageDriver driver, StorageObserver observer, Clock clock) {
        this.driver = driver;
        this.observer = observer;
        this.clock = clock;
    }

    @Override
    public String name() {
        return driver.name();
    }

    @Override
    public Optional<StorageStat> stat(String path) throws IOException {
        return observed("stat", StoragePaths.object(path), () -> driver.stat(path));
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        return observed("reader", StoragePaths.object(path), () -> driver.reader(path, offset));
    }

    @Override
    public StorageWriter writer(String path, boolean append) throws IOException {
        StorageWriter writer = observed("writer", StoragePaths.object(path), () -> driver.writer(path, append));
        return new ObservedWriter(writer, path);
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        return observed("getContent", StoragePaths.object(path), () -> driver.getContent(path));
    }

    @Override
    public void putContent(String path, byte[] content) throws IOException {
        observed("putContent", StoragePaths.object(path), () -> {
            driver.putContent(path, content);
            return null;
        });
    }

    @Override
    public void move(String from, String to) throws IOException {
        StoragePaths.object(to);
        observed("move", StoragePaths.object(from), () -> {
            driver.move(from, to);
            return null;
        });
    }

    @Override
    public void delete(String path) throws IOException {
        observed("delete", StoragePaths.object(path), () -> {
            driver.delete(path);
            return null;
        });
    }

    @Override
    public List<String> list(String path) throws IOException {
        return observed("list", StoragePaths.directory(path), () -> driver.list(path));
    }

    @Override
    public Optional<URI> redirectUrl(String path, Duration expiry) throws IOException {
        return observed("redirectUrl", StoragePaths.object(path), () -> driver.redirectUrl(path, expiry));
    }

    @Override
    public void close() throws IOException {
        driver.close();
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    private <T> T observed(String operation, String path, Call<T> call) throws IOException {
        Instant started = clock.instant();
        long start = System.nanoTime();
        StorageCall.Outcome outcome = StorageCall.Outcome.FAILED;
        try {
            T result = call.run();
            outcome = StorageCall.Outcome.OK;
            return result;
        } catch (PathNotFoundException e) {
            outcome = StorageCall.Outcome.NOT_FOUND;
            throw e;
        } finally {
            observer.observe(new StorageCall(driver.name(), operation, path, started,
                    Duration.ofNanos(System.nanoTime() - start), outcome));
        }
    }

    /** Writes are too many and too small to report one by one; what ends a writer is reported. */
    private final class ObservedWriter implements StorageWriter {
        private final StorageWriter writer;
        private final String path;

        ObservedWriter(StorageWriter writer, String path) {
            this.writer = writer;
            this.path = path;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            writer.write(buffer, offset, length);
        }

        @Override
        public long size() {
            return writer.size();
        }

        @Override
        public void commit() throws IOException {
            observed("commit", path, () -> {
                writer.commit();
                return null;
            });
        }

        @Override
        public void cancel() throws IOException {
            observed("cancel", path, () -> {
                writer.cancel();
                return null;
            });
        }

        @Override
        public void close() throws IOException {
            observed("close", path, () -> {
                writer.close();
                return null;
            });
        }
    }
}
