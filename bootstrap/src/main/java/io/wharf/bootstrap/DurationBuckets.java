package io.wharf.bootstrap;

import java.util.List;

/**
 * Histogram bucket boundaries in seconds. The SDK's default boundaries (0 to 10,000) suit
 * milliseconds: in seconds, every call would land in the first buckets.
 */
final class DurationBuckets {
    /** Calls to the database and the store: mostly milliseconds, sometimes a slow second or more. */
    static final List<Double> CALLS = List.of(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
            1.0, 2.5, 5.0, 10.0, 30.0);

    private DurationBuckets() {
    }
}
