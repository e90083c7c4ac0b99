package io.wharf.application.service.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.application.port.in.DependencyHealth.Outcome;
import io.wharf.application.port.in.DependencyHealth.Report;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HealthServiceTest {
    private static final Duration LONG = Duration.ofHours(1);

    @Test
    void passingChecksMakeAHealthyReportInTheirOrder() {
        Report report = new HealthService(List.of(new DependencyCheck("b", () -> { }),
                new DependencyCheck("a", () -> { }))).check();

        assertTrue(report.healthy());
        assertEquals(List.of(Outcome.passed("b"), Outcome.passed("a")), report.outcomes());
    }

    @Test
    void aFailingCheckIsNamedWithItsMessage() {
        Report report = new HealthService(List.of(new DependencyCheck("ok", () -> { }),
                new DependencyCheck("storagedriver_s3", () -> {
                    throw new IOException("S3 HeadObject failed", new IOException("Connection refused"));
                }))).check();

        assertFalse(report.healthy());
        assertEquals(List.of(Outcome.failed("storagedriver_s3", "S3 HeadObject failed; cause: Connection refused")),
                report.failures());
    }

    /** A hung dependency costs a probe the timeout, no more; its thread is interrupted, not left blocked. */
    @Test
    void aHungCheckTimesOutAndIsInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        HealthService health = new HealthService(List.of(new DependencyCheck("catalog_postgres", () -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        }), new DependencyCheck("storagedriver_filesystem", () -> { })), Duration.ofMillis(300), Duration.ZERO);

        long start = System.nanoTime();
        Report report = health.check();
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(elapsed >= 250 && elapsed < 2_000, "answered after " + elapsed + " ms");
        assertEquals(List.of(Outcome.failed("catalog_postgres", "no answer within 300 ms"),
                Outcome.passed("storagedriver_filesystem")), report.outcomes());
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the hung check's thread was interrupted");
    }

    @Test
    void hungChecksTimeOutTogetherNotOneAfterAnother() {
        List<DependencyCheck> hung = List.of(hung("a"), hung("b"), hung("c"));
        long start = System.nanoTime();
        Report report = new HealthService(hung, Duration.ofMillis(400), Duration.ZERO).check();
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(3, report.failures().size());
        assertTrue(elapsed < 1_000, "three hung checks took " + elapsed + " ms");
    }

    @Test
    void anOutcomeIsReusedWhileItIsRecent() {
        AtomicInteger runs = new AtomicInteger();
        HealthService health = new HealthService(List.of(new DependencyCheck("counted", runs::incrementAndGet)),
                HealthService.DEFAULT_TIMEOUT, LONG);

        health.check();
        health.check();
        health.check();

        assertEquals(1, runs.get());
    }

    @Test
    void anOutcomeOlderThanTheMaxAgeIsCheckedAgain() {
        AtomicInteger runs = new AtomicInteger();
        HealthService health = new HealthService(List.of(new DependencyCheck("counted", () -> {
            if (runs.incrementAndGet() == 1) {
                throw new IOException("down");
            }
        })), HealthService.DEFAULT_TIMEOUT, Duration.ZERO);

        assertFalse(health.check().healthy());
        assertTrue(health.check().healthy(), "a failure is not remembered past its max age");
        assertEquals(2, runs.get());
    }

    /** A probe storm while a check runs shares that one run: the database sees one query, not one per probe. */
    @Test
    void concurrentProbesShareOneRun() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        HealthService health = new HealthService(List.of(new DependencyCheck("slow", () -> {
            runs.incrementAndGet();
            release.await();
        })), Duration.ofSeconds(10), Duration.ZERO);

        ExecutorService probes = Executors.newFixedThreadPool(8);
        try {
            List<Future<Report>> reports = java.util.stream.IntStream.range(0, 8)
                    .mapToObj(i -> probes.submit(health::check)).toList();
            Thread.sleep(200);
            release.countDown();
            for (Future<Report> report : reports) {
                assertTrue(report.get(10, TimeUnit.SECONDS).healthy());
            }
        } finally {
            probes.shutdownNow();
        }
        assertEquals(1, runs.get());
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new HealthService(List.of(), Duration.ZERO, LONG));
        assertThrows(IllegalArgumentException.class,
                () -> new HealthService(List.of(), Duration.ofSeconds(1), Duration.ofSeconds(-1)));
    }

    private static DependencyCheck hung(String name) {
        return new DependencyCheck(name, () -> new CountDownLatch(1).await());
    }
}
