package io.wharf.domain.event;

import io.wharf.domain.model.Descriptor;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.Manifest;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.StoredManifest;
import io.wharf.domain.model.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an event is about: distribution's {@code target} record. A blob or manifest has its digest
 * (and, when known, media type and size); a tag deletion names only the repository and the tag.
 *
 * @param fromRepository the source of a cross-repository mount
 * @param references     for a manifest, the descriptors it references: config and layers, or an index's children
 */
public record Target(RepositoryName repository, Optional<Digest> digest, Optional<String> mediaType, OptionalLong size,
                     Optional<Tag> tag, Optional<RepositoryName> fromRepository, List<Descriptor> references) {
    public Target {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(fromRepository, "fromRepository");
        references = List.copyOf(references);
    }

    /** A manifest, with the tag the request named, if any. */
    public static Target manifest(RepositoryName repository, Manifest manifest, Optional<Tag> tag) {
        List<Descriptor> references = new ArrayList<>(manifest.blobs());
        references.addAll(manifest.children());
        return new Target(repository, Optional.of(manifest.digest()), Optional.of(manifest.mediaType()),
                OptionalLong.of(manifest.size()), tag, Optional.empty(), references);
    }

    /** A manifest as the catalog keeps it (pulls, deletes): without the references, which only a push parses. */
    public static Target storedManifest(RepositoryName repository, StoredManifest manifest, Optional<Tag> tag) {
        return new Target(repository, Optional.of(manifest.digest()), Optional.of(manifest.mediaType()),
                OptionalLong.of(manifest.size()), tag, Optional.empty(), List.of());
    }

    /** A blob; its media type is unknown to the registry (only manifests say it). */
    public static Target blob(RepositoryName repository, Digest digest, OptionalLong size) {
        return new Target(repository, Optional.of(digest), Optional.empty(), size, Optional.empty(), Optional.empty(),
                List.of());
    }

    /** A blob mounted from another repository. */
    public static Target mountedBlob(RepositoryName repository, Digest digest, long size, RepositoryName from) {
        return new Target(repository, Optional.of(digest), Optional.empty(), OptionalLong.of(size), Optional.empty(),
                Optional.of(from), List.of());
    }

    /** A tag, as distribution names a deleted tag: no digest. */
    public static Target tag(RepositoryName repository, Tag tag) {
        return new Target(repository, Optional.empty(), Optional.empty(), OptionalLong.empty(), Optional.of(tag),
                Optional.empty(), List.of());
    }
}
