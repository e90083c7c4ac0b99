package io.wharf.storage.s3;

import java.io.InterruptedIOException;

/**
 * A token bucket shared by every request of one driver instance: {@code perSecond} requests a second on
 * average, bursts of up to one second's worth. A caller who finds the bucket empty reserves the next token
 * and sleeps until it is due, so waiting callers are served in turn rather than all waking at once.
 * Time and sleeping are injected so that tests can drive it without waiting.
 */
final class RequestRateLimiter {

    /** Monotonic nanoseconds, like {@link System#nanoTime()}. */
    @FunctionalInterface
    interface Ticker {
        long nanoTime();
    }

    @FunctionalInterface
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private static final double NANOS_PER_SECOND = 1e9;

    private final double tokensPerNano;
    private final double capacity;
    private final Ticker ticker;
    private final Sleeper sleeper;
    private double tokens;
    private long refilledAt;

    RequestRateLimiter(int perSecond, Ticker ticker, Sleeper sleeper) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("a rate limit needs a positive rate, got " + perSecond);
        }
        this.tokensPerNano = perSecond / NANOS_PER_SECOND;
        this.capacity = perSecond;
        this.ticker = ticker;
        this.sleeper = sleeper;
        this.tokens = capacity;
        this.refilledAt = ticker.nanoTime();
    }

    static RequestRateLimiter perSecond(int perSecond) {
        return new RequestRateLimiter(perSecond, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    /** Takes one token, sleeping until it is due when the bucket is empty. */
    void acquire() throws InterruptedIOException {
        long wait = reserve();
        if (wait > 0) {
            try {
                sleeper.sleepNanos(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting under the S3 request rate limit");
            }
        }
    }

    /** Takes a token, possibly one not yet earned (the balance goes negative), and says how long until it is. */
    synchronized long reserve() {
        long now = ticker.nanoTime();
        tokens = Math.min(capacity, tokens + (now - refilledAt) * tokensPerNano);
        refilledAt = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / tokensPerNano);
    }
}
