package io.wharf.bootstrap;

import io.wharf.domain.port.StorageCall;
import io.wharf.domain.port.StorageObserver;

import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Until metrics and traces are exported, storage calls are visible in the log: slow ones as warnings
 * (an object store in trouble shows up here first), every call at DEBUG (FINE in java.util.logging) for debugging.
 */
final class SlowStorageCallLog implements StorageObserver {
    private static final System.Logger LOG = System.getLogger("io.wharf.storage");

    private final Duration threshold;

    SlowStorageCallLog(Duration threshold) {
        this.threshold = threshold;
    }

    @Override
    public void observe(StorageCall call) {
        Level level = call.elapsed().compareTo(threshold) >= 0 ? Level.WARNING : Level.DEBUG;
        if (LOG.isLoggable(level)) {
            LOG.log(level, "storage {0} {1} {2} took {3} ms ({4})", call.driver(), call.operation(), call.path(),
                    call.elapsed().toMillis(), call.outcome());
        }
    }
}
