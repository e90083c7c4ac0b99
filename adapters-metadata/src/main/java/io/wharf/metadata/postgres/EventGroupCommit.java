package io.wharf.metadata.postgres;

import io.wharf.domain.event.RegistryEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Records events that go with no catalog change (pulls) in shared transactions. Writers of the outbox
 * take one lock from insert to commit, so one pull per transaction would cap pulls at one commit each,
 * a few hundred a second; here one thread inserts whatever has queued up meanwhile and commits once.
 * A caller still returns only after its event is committed: a pull that was answered has its event.
 */
final class EventGroupCommit implements AutoCloseable {
    /** The most events one transaction takes; more wait for the next. */
    private static final int MAX_BATCH = 1000;

    private final Sql sql;
    private final BlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private final Thread writer;

    private record Queued(RegistryEvent event, CompletableFuture<Void> committed) {
    }

    EventGroupCommit(Sql sql) {
        this.sql = sql;
        this.writer = Thread.ofPlatform().name("wharf-event-group-commit").daemon().start(this::writeUntilClosed);
    }

    /** Returns once the event is committed; a failure of the shared transaction is the caller's too. */
    void record(RegistryEvent event) {
        CompletableFuture<Void> committed = new CompletableFuture<>();
        queue.add(new Queued(event, committed));
        try {
            committed.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void writeUntilClosed() {
        List<Queued> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                failAll(new CatalogException("the metadata catalog is closing; the event was not recorded", null));
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            try {
                List<RegistryEvent> events = batch.stream().map(Queued::event).toList();
                sql.transaction("record " + events.size() + " events", dsl -> {
                    Events.record(dsl, events);
                    return null;
                });
                batch.forEach(q -> q.committed().complete(null));
            } catch (RuntimeException e) {
                batch.forEach(q -> q.committed().completeExceptionally(e));
            }
            batch.clear();
        }
    }

    private void failAll(RuntimeException e) {
        List<Queued> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(q -> q.committed().completeExceptionally(e));
    }

    @Override
    public void close() {
        writer.interrupt();
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
