package io.wharf.domain.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One finished storage call, e.g. {@code put} of a path on the {@code s3} driver.
 *
 * @param driver    the driver's configuration name
 * @param operation {@code stat}, {@code reader}, {@code writer}, {@code getContent}, {@code putContent}, {@code move},
 *                  {@code delete}, {@code list}, {@code redirectUrl}, or {@code commit}/{@code close}/{@code cancel} of a writer
 */
public record StorageCall(String driver, String operation, String path, Instant started, Duration elapsed,
                          Outcome outcome) {

    public StorageCall {
        Objects.requireNonNull(driver);
        Objects.requireNonNull(operation);
        Objects.requireNonNull(path);
        Objects.requireNonNull(started);
        Objects.requireNonNull(elapsed);
        Objects.requireNonNull(outcome);
    }

    public enum Outcome {
        /** The call did what was asked. */
        OK,
        /** The path did not exist: an answer, not a storage failure. */
        NOT_FOUND,
        /** The call failed: storage unreachable, refused, or the caller's input was rejected. */
        FAILED
    }
}
