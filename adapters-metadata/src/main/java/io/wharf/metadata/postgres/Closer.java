package io.wharf.metadata.postgres;

import java.util.ArrayDeque;
import java.util.Deque;

/** Closes what was opened, last first (pool before the server it connects to), once. */
final class Closer implements AutoCloseable {
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    <T extends AutoCloseable> T register(T resource) {
        opened.push(resource);
        return resource;
    }

    /** Closes everything even when one close fails, then reports the first failure with the others suppressed. */
    @Override
    public void close() {
        RuntimeException failure = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                RuntimeException wrapped = e instanceof RuntimeException r ? r
                        : new CatalogException("closing " + e.getMessage(), e);
                if (failure == null) {
                    failure = wrapped;
                } else {
                    failure.addSuppressed(wrapped);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
