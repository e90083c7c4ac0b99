package io.wharf.application.service.access;

import io.wharf.application.port.in.Manifests;
import io.wharf.domain.auth.Action;
import io.wharf.domain.event.Origin;
import io.wharf.domain.model.Reference;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.StoredManifest;

import java.util.Optional;
import java.util.Set;

/** Manifest reads need pull, pushes pull and push, deletes (of a manifest or a tag) delete. */
record AuthorizedManifests(Manifests inner, Guard guard) implements Manifests {

    @Override
    public PushedManifest push(RepositoryName repository, Reference reference, Optional<String> contentType, byte[] payload,
                               Origin origin) {
        guard.require(repository, Set.of(Action.PULL, Action.PUSH));
        return inner.push(repository, reference, contentType, payload, origin);
    }

    @Override
    public StoredManifest get(RepositoryName repository, Reference reference) {
        guard.require(repository, Set.of(Action.PULL));
        return inner.get(repository, reference);
    }

    @Override
    public StoredManifest pull(RepositoryName repository, Reference reference, Origin origin) {
        guard.require(repository, Set.of(Action.PULL));
        return inner.pull(repository, reference, origin);
    }

    @Override
    public void delete(RepositoryName repository, Reference reference, Origin origin) {
        guard.require(repository, Set.of(Action.DELETE));
        inner.delete(repository, reference, origin);
    }
}
