package io.wharf.domain.port;

import io.wharf.domain.event.RegistryEvent;
import io.wharf.domain.model.Descriptor;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.Manifest;
import io.wharf.domain.model.Page;
import io.wharf.domain.model.Reference;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.StoredManifest;
import io.wharf.domain.model.Tag;

import java.util.List;
import java.util.Optional;

/** Manifests, their tags and the references between them. */
public interface ManifestIndex {

    /** The manifest a tag or digest names in the repository, with its exact payload. */
    Optional<StoredManifest> findManifest(RepositoryName repository, Reference reference);

    /**
     * Stores the manifest (and points the tag at it) in one transaction, but only if every blob it
     * needs is linked to the repository and every child manifest is in it; otherwise stores nothing
     * and reports what is missing.
     */
    default PutManifestOutcome putManifest(RepositoryName repository, Manifest manifest, Optional<Tag> tag) {
        return putManifest(repository, manifest, tag, List.of());
    }

    /** As {@link #putManifest(RepositoryName, Manifest, Optional)}; the events are recorded only if it is stored. */
    PutManifestOutcome putManifest(RepositoryName repository, Manifest manifest, Optional<Tag> tag,
                                   List<RegistryEvent> events);

    /** Deletes the manifest and every tag pointing at it; false when the repository has no such manifest. */
    default boolean deleteManifest(RepositoryName repository, Digest digest) {
        return deleteManifest(repository, digest, List.of());
    }

    /** As {@link #deleteManifest(RepositoryName, Digest)}; the events are recorded only when it deleted something. */
    boolean deleteManifest(RepositoryName repository, Digest digest, List<RegistryEvent> events);

    /** Deletes only the tag; false when there was none. */
    default boolean deleteTag(RepositoryName repository, Tag tag) {
        return deleteTag(repository, tag, List.of());
    }

    /** As {@link #deleteTag(RepositoryName, Tag)}; the events are recorded only when the tag existed. */
    boolean deleteTag(RepositoryName repository, Tag tag, List<RegistryEvent> events);

    /** Tags in lexical order after {@code after}, at most {@code limit}. */
    Page<Tag> tags(RepositoryName repository, int limit, Optional<String> after);

    /** Descriptors of the manifests whose subject is {@code subject}, optionally of one artifact type. */
    List<Descriptor> referrers(RepositoryName repository, Digest subject, Optional<String> artifactType);

    /** The outcome of {@link #putManifest}. */
    sealed interface PutManifestOutcome {
        record Stored() implements PutManifestOutcome {
        }

        /** Nothing was stored: these blobs or child manifests are not in the repository. */
        record MissingReferences(List<Digest> blobs, List<Digest> manifests) implements PutManifestOutcome {
            public MissingReferences {
                blobs = List.copyOf(blobs);
                manifests = List.copyOf(manifests);
            }
        }
    }
}
