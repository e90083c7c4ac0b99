package io.wharf.application.service.health;

import io.wharf.application.port.in.DependencyHealth.Outcome;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;

/**
 * A check whose latest run is shared: callers while it runs wait for the same run, and its outcome is
 * reused for {@code maxAge} after it ended, so a storm of probes costs the database one query a second.
 * Logs when the check starts failing and when it passes again, not on every probe.
 */
final class CachedCheck {
    private static final System.Logger LOG = System.getLogger(CachedCheck.class.getName());

    private final DependencyCheck check;
    private final Duration timeout;
    private final Duration maxAge;
    private CheckRun latest;
    private Optional<String> reported = Optional.empty();

    CachedCheck(DependencyCheck check, Duration timeout, Duration maxAge) {
        this.check = check;
        this.timeout = timeout;
        this.maxAge = maxAge;
    }

    /** The run to wait for: the one under way or recent enough, else a new one. */
    synchronized CheckRun run() {
        if (latest == null || latest.endedBefore(System.nanoTime(), maxAge)) {
            latest = CheckRun.start(check, timeout);
        }
        return latest;
    }

    /** Notes the outcome a caller got, logging changes between passing and failing. */
    synchronized Outcome noted(Outcome outcome) {
        if (outcome.passed() && reported.isPresent()) {
            LOG.log(Level.INFO, "health check {0} passes again", check.name());
        } else if (!outcome.passed() && reported.isEmpty()) {
            LOG.log(Level.WARNING, "health check {0} fails: {1}", check.name(), outcome.failure().orElseThrow());
        }
        reported = outcome.failure();
        return outcome;
    }
}
