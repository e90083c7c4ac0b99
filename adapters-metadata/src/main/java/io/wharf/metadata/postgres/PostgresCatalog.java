package io.wharf.metadata.postgres;

import io.wharf.domain.event.RegistryEvent;
import io.wharf.domain.model.BlobRecord;
import io.wharf.domain.model.Descriptor;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.Manifest;
import io.wharf.domain.model.Page;
import io.wharf.domain.model.Reference;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.StoredManifest;
import io.wharf.domain.model.Tag;
import io.wharf.domain.model.UploadSession;
import io.wharf.domain.port.MetadataCatalog;
import io.wharf.domain.port.PullLog;

import org.jooq.DSLContext;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The port on top of the query classes: each method is one statement or one transaction. Owns the
 * resources it was opened with (pool, change listener, embedded server) and releases them in
 * {@link #close()}. Manifest lookups go through the {@link ManifestCache} when there is one; this
 * instance's own manifest and tag writes invalidate it as soon as they return, so a client that
 * pushes and then pulls through the same instance never waits for the NOTIFY.
 */
final class PostgresCatalog implements MetadataCatalog {
    private final Sql sql;
    private final Optional<ChangeListener> listener;
    private final Optional<ManifestCache> cache;
    private final EventGroupCommit groupCommit;
    private final AutoCloseable resources;

    /** {@code listener} (and its cache) is absent when {@code manifest-cache-bytes} is 0; it is one of {@code resources}. */
    PostgresCatalog(Sql sql, Optional<ChangeListener> listener, AutoCloseable resources) {
        this.sql = sql;
        this.listener = listener;
        this.cache = listener.map(ChangeListener::cache);
        this.groupCommit = new EventGroupCommit(sql);
        this.resources = resources;
    }

    // For tests.
    Optional<ManifestCache> manifestCache() {
        return cache;
    }

    Optional<ChangeListener> changeListener() {
        return listener;
    }

    @Override
    public Page<RepositoryName> repositories(int limit, Optional<String> after) {
        return sql.query("list repositories", dsl -> Repositories.list(dsl, limit, after));
    }

    @Override
    public boolean repositoryExists(RepositoryName repository) {
        return sql.query("look up repository " + repository, dsl -> Repositories.exists(dsl, repository));
    }

    @Override
    public Optional<BlobRecord> findLinkedBlob(RepositoryName repository, Digest digest) {
        return sql.query("look up blob " + digest + " in " + repository, dsl -> Blobs.findLinked(dsl, repository, digest));
    }

    @Override
    public Optional<BlobRecord> findBlob(Digest digest) {
        return sql.query("look up blob " + digest, dsl -> Blobs.findAnywhere(dsl, digest));
    }

    @Override
    public void linkBlob(RepositoryName repository, BlobRecord blob, List<RegistryEvent> events) {
        sql.transaction("link blob " + blob.digest() + " to " + repository, dsl -> {
            Blobs.link(dsl, repository, blob);
            Events.record(dsl, events);
            return null;
        });
    }

    @Override
    public boolean unlinkBlob(RepositoryName repository, Digest digest, List<RegistryEvent> events) {
        return sql.transaction("unlink blob " + digest + " from " + repository,
                dsl -> recordIf(dsl, Blobs.unlink(dsl, repository, digest), events));
    }

    @Override
    public Optional<StoredManifest> findManifest(RepositoryName repository, Reference reference) {
        Supplier<Optional<StoredManifest>> query = () -> sql.query("look up manifest " + repository + ":" + reference,
                dsl -> Manifests.find(dsl, repository, reference));
        return cache.isPresent() ? cache.get().find(repository, reference, query) : query.get();
    }

    @Override
    public PutManifestOutcome putManifest(RepositoryName repository, Manifest manifest, Optional<Tag> tag,
                                          List<RegistryEvent> events) {
        try {
            return sql.transaction("store manifest " + manifest.digest() + " in " + repository, dsl -> {
                PutManifestOutcome.Stored stored = ManifestPut.run(dsl, repository, manifest, tag);
                Events.record(dsl, events);
                return stored;
            });
        } catch (ManifestPut.Missing missing) {
            return missing.outcome();
        } finally {
            // Also after a failure: the commit may have happened even if its acknowledgement was lost.
            invalidate(repository);
        }
    }

    @Override
    public boolean deleteManifest(RepositoryName repository, Digest digest, List<RegistryEvent> events) {
        try {
            return sql.transaction("delete manifest " + digest + " from " + repository,
                    dsl -> recordIf(dsl, Manifests.delete(dsl, repository, digest), events));
        } finally {
            invalidate(repository);
        }
    }

    @Override
    public boolean deleteTag(RepositoryName repository, Tag tag, List<RegistryEvent> events) {
        try {
            return sql.transaction("delete tag " + repository + ":" + tag,
                    dsl -> recordIf(dsl, Tags.delete(dsl, repository, tag), events));
        } finally {
            invalidate(repository);
        }
    }

    /** Records the events when the change they describe happened; returns whether it did. */
    private static boolean recordIf(DSLContext dsl, boolean changed, List<RegistryEvent> events) {
        if (changed) {
            Events.record(dsl, events);
        }
        return changed;
    }

    private void invalidate(RepositoryName repository) {
        cache.ifPresent(c -> c.invalidate(repository.value()));
    }

    @Override
    public Page<Tag> tags(RepositoryName repository, int limit, Optional<String> after) {
        return sql.query("list tags of " + repository, dsl -> Tags.list(dsl, repository, limit, after));
    }

    @Override
    public List<Descriptor> referrers(RepositoryName repository, Digest subject, Optional<String> artifactType) {
        return sql.query("list referrers of " + subject + " in " + repository,
                dsl -> Manifests.referrers(dsl, repository, subject, artifactType));
    }

    @Override
    public void createSession(UploadSession session) {
        sql.query("create upload session " + session.id(), dsl -> {
            UploadSessions.create(dsl, session);
            return null;
        });
    }

    @Override
    public Optional<UploadSession> findSession(RepositoryName repository, UUID id) {
        return sql.query("look up upload session " + id, dsl -> UploadSessions.find(dsl, repository, id));
    }

    @Override
    public void updateSession(UploadSession session) {
        sql.query("update upload session " + session.id(), dsl -> {
            UploadSessions.update(dsl, session);
            return null;
        });
    }

    @Override
    public boolean deleteSession(UUID id) {
        return sql.query("delete upload session " + id, dsl -> UploadSessions.delete(dsl, id));
    }

    @Override
    public List<UploadSession> staleSessions(Instant before, int limit) {
        return sql.query("list stale upload sessions", dsl -> UploadSessions.stale(dsl, before, limit));
    }

    @Override
    public void recordLastPulls(Collection<PullLog.LastPull> pulls) {
        sql.transaction("record last pulls of " + pulls.size() + " manifests", dsl -> {
            Pulls.recordLast(dsl, pulls);
            return null;
        });
    }

    @Override
    public long countSessions() {
        return sql.query("count upload sessions", UploadSessions::count);
    }

    @Override
    public void record(RegistryEvent event) {
        groupCommit.record(event);
    }

    @Override
    public void registerEndpoints(Set<String> endpoints) {
        sql.transaction("register notification endpoints " + endpoints, dsl -> {
            Events.register(dsl, endpoints);
            return null;
        });
    }

    @Override
    public List<EndpointStatus> status() {
        return sql.query("read notification endpoint status", Events::status);
    }

    @Override
    public List<DeadLetter> deadLetters(Optional<String> endpoint, int limit) {
        return sql.query("list dead letters", dsl -> Events.deadLetters(dsl, endpoint, limit));
    }

    @Override
    public int replay(String endpoint, Optional<UUID> eventId) {
        return sql.transaction("replay dead letters of " + endpoint, dsl -> Events.replay(dsl, endpoint, eventId));
    }

    @Override
    public int pruneDelivered(int limit) {
        return sql.query("prune delivered events", dsl -> Events.prune(dsl, limit));
    }

    @Override
    public Round deliverNext(String endpoint, int limit, Instant now, Function<Batch, Decision> deliver) {
        // No retry of the transaction: it spans the delivery, which must not be repeated behind the caller's back.
        return sql.transactionOnce("deliver events to " + endpoint,
                dsl -> Events.deliverNext(dsl, endpoint, limit, now, deliver));
    }

    @Override
    public void ping() {
        sql.query("ping", dsl -> dsl.selectOne().fetch());
    }

    @Override
    public void close() {
        groupCommit.close();
        try {
            resources.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CatalogException("closing the metadata catalog failed: " + e.getMessage(), e);
        }
    }
}
