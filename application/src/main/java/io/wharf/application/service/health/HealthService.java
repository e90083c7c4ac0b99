package io.wharf.application.service.health;

import io.wharf.application.port.in.DependencyHealth;

import java.time.Duration;
import java.util.List;

/**
 * Runs the dependency checks on demand, all at once, each bounded by the timeout, so a probe answers
 * within about {@link #DEFAULT_TIMEOUT} however many checks hang. Outcomes are reused for
 * {@link #DEFAULT_MAX_AGE} after a run ends. On demand rather than polled in the background (as
 * distribution does): nothing runs while nobody asks, and an answer is never older than that second.
 */
public final class HealthService implements DependencyHealth {
    /** Short enough for a Kubernetes probe with {@code timeoutSeconds: 3}; a cheap call takes milliseconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(1);

    private final List<CachedCheck> checks;

    public HealthService(List<DependencyCheck> checks) {
        this(checks, DEFAULT_TIMEOUT, DEFAULT_MAX_AGE);
    }

    public HealthService(List<DependencyCheck> checks, Duration timeout, Duration maxAge) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("health check timeout " + timeout + " must be positive");
        }
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("health check max age " + maxAge + " must not be negative");
        }
        this.checks = checks.stream().map(check -> new CachedCheck(check, timeout, maxAge)).toList();
    }

    @Override
    public Report check() {
        // every run starts before any is waited for: the waits overlap, and the whole takes one timeout
        List<Started> started = checks.stream().map(check -> new Started(check, check.run())).toList();
        return new Report(started.stream().map(s -> s.check().noted(s.run().await())).toList());
    }

    private record Started(CachedCheck check, CheckRun run) {
    }
}
