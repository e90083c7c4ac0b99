package io.wharf.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Driven by a fake clock whose "sleep" only records the wait and moves time on. */
class RequestRateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    private long now = 42 * SECOND;
    private final List<Long> sleeps = new ArrayList<>();

    private RequestRateLimiter limiter(int perSecond) {
        return new RequestRateLimiter(perSecond, () -> now, nanos -> {
            sleeps.add(nanos);
            now += nanos;
        });
    }

    @Test
    void aFullBucketLetsOneSecondsWorthThroughAtOnce() throws InterruptedIOException {
        RequestRateLimiter limiter = limiter(5);
        for (int i = 0; i < 5; i++) {
            limiter.acquire();
        }
        assertEquals(List.of(), sleeps);
    }

    @Test
    void beyondTheBurstEachRequestWaitsItsShare() throws InterruptedIOException {
        RequestRateLimiter limiter = limiter(4);
        for (int i = 0; i < 7; i++) {
            limiter.acquire();
        }
        assertEquals(List.of(SECOND / 4, SECOND / 4, SECOND / 4), sleeps);
    }

    /** Callers that reserve without having slept yet queue up: each waits one interval longer than the last. */
    @Test
    void waitingCallersAreServedInTurn() {
        RequestRateLimiter limiter = limiter(2);
        assertEquals(0, limiter.reserve());
        assertEquals(0, limiter.reserve());
        assertEquals(SECOND / 2, limiter.reserve());
        assertEquals(SECOND, limiter.reserve());
        assertEquals(3 * SECOND / 2, limiter.reserve());
    }

    @Test
    void idleTimeRefillsButNeverBeyondOneSecondsWorth() throws InterruptedIOException {
        RequestRateLimiter limiter = limiter(3);
        for (int i = 0; i < 3; i++) {
            limiter.acquire();
        }
        now += 60 * SECOND;
        for (int i = 0; i < 3; i++) {
            limiter.acquire();
        }
        assertEquals(List.of(), sleeps);
        limiter.acquire();
        assertEquals(List.of(SECOND / 3 + 1), sleeps, "rounded up so the token is surely earned");
    }

    @Test
    void partOfAnIntervalCountsTowardsTheNextToken() {
        RequestRateLimiter limiter = limiter(10);
        for (int i = 0; i < 10; i++) {
            limiter.reserve();
        }
        now += SECOND / 20; // half a token
        assertEquals(SECOND / 20, limiter.reserve());
    }

    @Test
    void anInterruptedWaitIsAnInterruptedIOException() {
        RequestRateLimiter limiter = new RequestRateLimiter(1, () -> now, nanos -> {
            throw new InterruptedException();
        });
        try {
            assertThrows(InterruptedIOException.class, () -> {
                limiter.acquire();
                limiter.acquire();
            });
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aRateMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> limiter(0));
    }
}
