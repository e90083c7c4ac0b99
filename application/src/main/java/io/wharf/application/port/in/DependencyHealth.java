package io.wharf.application.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Whether what the registry needs to serve (its catalog, its storage) answers: behind the health endpoints. */
public interface DependencyHealth {

    /** Runs (or reuses a very recent run of) every check; returns within about the checks' timeout. */
    Report check();

    /** Every check's outcome, in the order the checks were configured. */
    record Report(List<Outcome> outcomes) {
        public Report {
            outcomes = List.copyOf(outcomes);
        }

        public boolean healthy() {
            return outcomes.stream().allMatch(Outcome::passed);
        }

        public List<Outcome> failures() {
            return outcomes.stream().filter(outcome -> !outcome.passed()).toList();
        }
    }

    /**
     * One check's outcome.
     *
     * @param name    the check's name, distribution's style: {@code storagedriver_s3}, {@code catalog_postgres}
     * @param failure what failed, one line fit for an HTTP body (no stack trace, no secrets); empty when it passed
     */
    record Outcome(String name, Optional<String> failure) {
        public Outcome {
            Objects.requireNonNull(name);
            Objects.requireNonNull(failure);
        }

        public static Outcome passed(String name) {
            return new Outcome(name, Optional.empty());
        }

        public static Outcome failed(String name, String failure) {
            return new Outcome(name, Optional.of(failure));
        }

        public boolean passed() {
            return failure.isEmpty();
        }
    }
}
