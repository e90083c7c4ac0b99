package io.wharf.domain.port;

/**
 * Told of every call the registry makes to its storage driver, after it ends: where storage timing
 * metrics, trace spans and slow-call logs come from. Called on the request's thread, so it must be quick.
 */
@FunctionalInterface
public interface StorageObserver {

    void observe(StorageCall call);
}
