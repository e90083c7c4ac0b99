package io.wharf.bootstrap.tracing;

import io.wharf.application.port.in.Manifests;
import io.wharf.domain.event.Origin;
import io.wharf.domain.model.Reference;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.StoredManifest;

import java.util.Optional;

/** {@link Manifests} with a span per call. */
final class TracedManifests implements Manifests {
    private final Manifests manifests;
    private final UseCaseSpans spans;

    TracedManifests(Manifests manifests, UseCaseSpans spans) {
        this.manifests = manifests;
        this.spans = spans;
    }

    @Override
    public PushedManifest push(RepositoryName repository, Reference reference, Optional<String> contentType,
                               byte[] payload, Origin origin) {
        return spans.run("Manifests.push", repository,
                b -> b.setAttribute(UseCaseSpans.REFERENCE, reference.toString()),
                () -> manifests.push(repository, reference, contentType, payload, origin));
    }

    @Override
    public StoredManifest get(RepositoryName repository, Reference reference) {
        return spans.run("Manifests.get", repository, b -> b.setAttribute(UseCaseSpans.REFERENCE, reference.toString()),
                () -> manifests.get(repository, reference));
    }

    @Override
    public StoredManifest pull(RepositoryName repository, Reference reference, Origin origin) {
        return spans.run("Manifests.pull", repository,
                b -> b.setAttribute(UseCaseSpans.REFERENCE, reference.toString()),
                () -> manifests.pull(repository, reference, origin));
    }

    @Override
    public void delete(RepositoryName repository, Reference reference, Origin origin) {
        spans.run("Manifests.delete", repository, b -> b.setAttribute(UseCaseSpans.REFERENCE, reference.toString()),
                () -> manifests.delete(repository, reference, origin));
    }
}
