package io.wharf.metadata.postgres;

import io.wharf.domain.model.Reference;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.StoredManifest;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Found manifests by (repository, reference), so that a manifest GET does not cost a query. Only hits
 * are kept: a miss can turn into a hit by any insert, hits change only by the updates and deletes
 * that {@link ChangeListener} (other instances) and {@link #invalidate} (this instance) report.
 *
 * <p>Correctness rests on two rules. (1) It serves only while {@link #startServing()} is in force, i.e.
 * while the listener is LISTENing: otherwise changes by other instances would go unnoticed.
 * (2) A value loaded by a query is kept only if no invalidation happened since before the query
 * ({@link #generation}): a query that ran before another instance's commit returns the old row, and
 * must not be cached after that commit's invalidation has already swept the map.
 *
 * <p>Bounded by {@code capacity} bytes of payload plus a fixed per-entry overhead; when over, arbitrary
 * entries (hash order) are evicted, which is good enough for a cache whose working set usually fits.
 * Payload arrays are handed out as they are, not copied: callers only send them.
 */
final class ManifestCache {
    /** Rough heap cost of an entry besides its payload (key, record, strings, map node). */
    static final int ENTRY_OVERHEAD = 256;

    private record Key(RepositoryName repository, Reference reference) {
    }

    private final long capacity;
    private final Map<Key, StoredManifest> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    /** Bumped by every invalidation, before it sweeps the map. */
    private final AtomicLong generation = new AtomicLong();
    private final LongAdder hits = new LongAdder();
    private volatile boolean serving;

    ManifestCache(long capacity) {
        this.capacity = capacity;
    }

    /** The cached manifest, else whatever {@code load} (the query) finds, keeping it if found and still current. */
    Optional<StoredManifest> find(RepositoryName repository, Reference reference, Supplier<Optional<StoredManifest>> load) {
        if (!serving) {
            return load.get();
        }
        Key key = new Key(repository, reference);
        StoredManifest cached = entries.get(key);
        if (cached != null) {
            hits.increment();
            return Optional.of(cached);
        }
        long before = generation.get();
        Optional<StoredManifest> loaded = load.get();
        loaded.ifPresent(manifest -> admit(key, manifest, before));
        return loaded;
    }

    private void admit(Key key, StoredManifest manifest, long before) {
        long weight = weight(manifest);
        if (weight > capacity || !serving || generation.get() != before) {
            return;
        }
        StoredManifest replaced = entries.put(key, manifest);
        bytes.addAndGet(weight - (replaced == null ? 0 : weight(replaced)));
        // An invalidation between the check above and the put may have swept the map before the put:
        // it bumped the generation first, so seeing it unchanged here means the sweep comes after.
        if (generation.get() != before) {
            remove(key, manifest);
            return;
        }
        evictWhileOver();
    }

    private void evictWhileOver() {
        var iterator = entries.entrySet().iterator();
        while (bytes.get() > capacity && iterator.hasNext()) {
            var entry = iterator.next();
            remove(entry.getKey(), entry.getValue());
        }
    }

    /** Drops the repository's entries: called after this instance changed it, and on each notification. */
    void invalidate(String repository) {
        generation.incrementAndGet();
        entries.forEach((key, manifest) -> {
            if (key.repository().value().equals(repository)) {
                remove(key, manifest);
            }
        });
    }

    void invalidateAll() {
        generation.incrementAndGet();
        entries.forEach(this::remove);
    }

    /** The listener is LISTENing (again): anything cached before may have missed changes, so start empty. */
    void startServing() {
        invalidateAll();
        serving = true;
    }

    /** The listener lost its connection: changes of other instances would go unnoticed from now on. */
    void stopServing() {
        serving = false;
        invalidateAll();
    }

    private void remove(Key key, StoredManifest manifest) {
        if (entries.remove(key, manifest)) {
            bytes.addAndGet(-weight(manifest));
        }
    }

    private static long weight(StoredManifest manifest) {
        return (long) manifest.payload().length + ENTRY_OVERHEAD;
    }

    // ---- for tests and diagnostics

    boolean serving() {
        return serving;
    }

    long hits() {
        return hits.sum();
    }

    long bytes() {
        return bytes.get();
    }

    int size() {
        return entries.size();
    }
}
