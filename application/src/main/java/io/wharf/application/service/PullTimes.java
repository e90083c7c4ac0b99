package io.wharf.application.service;

import io.wharf.domain.model.Digest;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.port.PullLog;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects when manifests are pulled and writes the latest of each to the catalog now and then: a write
 * per pull would cost the cached manifest GET most of its speed, one batch a minute costs nothing. A crash
 * loses at most the pulls since the last flush, which only makes a last-pull time a little older.
 */
public final class PullTimes {
    private final PullLog log;
    private final Clock clock;
    private final Map<Pulled, Instant> pending = new ConcurrentHashMap<>();

    public PullTimes(PullLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    void pulled(RepositoryName repository, Digest manifest) {
        pending.put(new Pulled(repository, manifest), clock.instant());
    }

    /** Writes what was pulled since the last flush; what fails to be written is kept for the next one. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<PullLog.LastPull> batch = new ArrayList<>();
        for (Map.Entry<Pulled, Instant> entry : pending.entrySet()) {
            batch.add(new PullLog.LastPull(entry.getKey().repository(), entry.getKey().manifest(), entry.getValue()));
        }
        log.recordLastPulls(batch);
        // only what was written goes: a pull recorded meanwhile has a newer time and stays
        for (PullLog.LastPull written : batch) {
            pending.remove(new Pulled(written.repository(), written.manifest()), written.at());
        }
    }

    private record Pulled(RepositoryName repository, Digest manifest) {
    }
}
