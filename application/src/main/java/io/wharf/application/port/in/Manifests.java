package io.wharf.application.port.in;

import io.wharf.domain.event.Origin;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.Reference;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.StoredManifest;

import java.util.Optional;

/** Pushing, pulling and deleting manifests and tags. */
public interface Manifests {
    /** The largest manifest accepted, as distribution and the spec suggest. */
    int MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;

    /**
     * Validates and stores a manifest under a tag or digest reference.
     *
     * @param contentType the request's media type (without parameters), if it sent one
     */
    PushedManifest push(RepositoryName repository, Reference reference, Optional<String> contentType, byte[] payload,
                        Origin origin);

    /** MANIFEST_UNKNOWN when the repository has no manifest for the reference. A look, not a pull: no event. */
    StoredManifest get(RepositoryName repository, Reference reference);

    /** As {@link #get}, for a client that fetches the manifest: a pull, with its event. */
    StoredManifest pull(RepositoryName repository, Reference reference, Origin origin);

    /** By digest: the manifest and its tags. By tag: only the tag. */
    void delete(RepositoryName repository, Reference reference, Origin origin);

    record PushedManifest(Digest digest, Optional<Digest> subject) {
    }
}
