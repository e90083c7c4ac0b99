package io.wharf.domain.port;

import io.wharf.domain.model.Digest;
import io.wharf.domain.model.RepositoryName;

import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/** When manifests were last pulled, for reports ("which images has nobody pulled for 90 days?"). */
public interface PullLog {

    /** Moves each manifest's last pull time forward to {@code at}; never back, and unknown manifests are skipped. */
    void recordLastPulls(Collection<LastPull> pulls);

    record LastPull(RepositoryName repository, Digest manifest, Instant at) {
        public LastPull {
            Objects.requireNonNull(repository);
            Objects.requireNonNull(manifest);
            Objects.requireNonNull(at);
        }
    }
}
