package io.wharf.application.service;

import io.wharf.domain.model.Digest;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.port.PullLog;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PullTimesTest {
    private static final RepositoryName APP = RepositoryName.of("team/app");
    private static final Digest ONE = Digest.sha256("one".getBytes(StandardCharsets.UTF_8));
    private static final Digest TWO = Digest.sha256("two".getBytes(StandardCharsets.UTF_8));

    private final List<List<PullLog.LastPull>> written = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private boolean failing;

    private final PullLog log = pulls -> {
        if (failing) {
            throw new IllegalStateException("catalog down");
        }
        written.add(List.copyOf(pulls));
    };
    private final PullTimes times = new PullTimes(log, clock);

    @Test
    void aFlushWritesTheLatestPullOfEachManifestOnce() {
        times.pulled(APP, ONE);
        clock.now = clock.now.plusSeconds(5);
        times.pulled(APP, ONE);
        times.pulled(APP, TWO);
        times.flush();
        assertEquals(1, written.size());
        assertEquals(Set.of(new PullLog.LastPull(APP, ONE, Instant.parse("2026-12-07T10:00:05Z")),
                new PullLog.LastPull(APP, TWO, Instant.parse("2026-12-07T10:00:05Z"))), Set.copyOf(written.getFirst()));
        assertEquals(2, written.getFirst().size());
        times.flush();
        assertEquals(1, written.size(), "nothing new, nothing written");
    }

    @Test
    void whatFailsToBeWrittenWaitsForTheNextFlush() {
        times.pulled(APP, ONE);
        failing = true;
        assertThrows(IllegalStateException.class, times::flush);
        failing = false;
        times.flush();
        assertEquals(List.of(List.of(new PullLog.LastPull(APP, ONE, clock.now))), written);
    }
}
