package io.wharf.bootstrap.tracing;

import io.wharf.application.port.in.Listings;
import io.wharf.domain.model.Descriptor;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.Page;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.Tag;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** {@link Listings} with a span per call. */
final class TracedListings implements Listings {
    private final Listings listings;
    private final UseCaseSpans spans;

    TracedListings(Listings listings, UseCaseSpans spans) {
        this.listings = listings;
        this.spans = spans;
    }

    @Override
    public Page<Tag> tags(RepositoryName repository, OptionalInt limit, Optional<String> after) {
        return spans.run("Listings.tags", repository, () -> listings.tags(repository, limit, after));
    }

    @Override
    public Page<RepositoryName> repositories(OptionalInt limit, Optional<String> after) {
        return spans.run("Listings.repositories", null, () -> listings.repositories(limit, after));
    }

    @Override
    public List<Descriptor> referrers(RepositoryName repository, Digest subject, Optional<String> artifactType) {
        return spans.run("Listings.referrers", repository, b -> b.setAttribute(UseCaseSpans.DIGEST, subject.toString()),
                () -> listings.referrers(repository, subject, artifactType));
    }
}
