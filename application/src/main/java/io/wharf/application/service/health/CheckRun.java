package io.wharf.application.service.health;

import io.wharf.application.port.in.DependencyHealth.Outcome;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of a check on its own virtual thread, decided by its deadline at the latest: whoever waits past
 * the deadline settles it as timed out and interrupts the thread, which closes a socket the probe is
 * blocked on (a virtual thread's blocking socket I/O ends on interrupt). So a hung S3 or database cannot
 * hold a probe longer than the timeout, and a later run starts afresh instead of queueing behind it.
 */
final class CheckRun {
    private static final System.Logger LOG = System.getLogger(CheckRun.class.getName());

    private final DependencyCheck check;
    private final Duration timeout;
    private final long deadline;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final Thread thread;
    private long finishedAt;

    private CheckRun(DependencyCheck check, Duration timeout) {
        this.check = check;
        this.timeout = timeout;
        this.deadline = System.nanoTime() + timeout.toNanos();
        this.thread = Thread.ofVirtual().name("wharf-health-" + check.name()).unstarted(this::probe);
    }

    static CheckRun start(DependencyCheck check, Duration timeout) {
        CheckRun run = new CheckRun(check, timeout);
        run.thread.start();
        return run;
    }

    /** The outcome, waiting at most until the deadline. */
    Outcome await() {
        try {
            return outcome.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (finish(Outcome.failed(check.name(), "no answer within " + timeout.toMillis() + " ms"))) {
                thread.interrupt();
            }
            return outcome.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed(check.name(), "interrupted while waiting for the check");
        } catch (ExecutionException e) {
            // never: runs complete normally, failures are outcomes
            throw new IllegalStateException(e);
        }
    }

    /** Whether it ended at least {@code maxAge} ago, so its outcome is too old to reuse. */
    synchronized boolean endedBefore(long nanoTime, Duration maxAge) {
        return outcome.isDone() && nanoTime - finishedAt >= maxAge.toNanos();
    }

    private void probe() {
        Outcome result = Outcome.failed(check.name(), "the check ended without an answer");
        try {
            check.probe().run();
            result = Outcome.passed(check.name());
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "health check " + check.name() + " failed", e);
            result = Outcome.failed(check.name(), FailureMessage.of(e));
        } finally {
            finish(result);
        }
    }

    /** Settles the run unless it is settled already; the first outcome wins. */
    private synchronized boolean finish(Outcome result) {
        if (outcome.isDone()) {
            return false;
        }
        finishedAt = System.nanoTime();
        outcome.complete(result);
        return true;
    }
}
