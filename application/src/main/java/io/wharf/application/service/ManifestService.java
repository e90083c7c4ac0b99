package io.wharf.application.service;

import io.wharf.application.port.in.Manifests;
import io.wharf.domain.error.ErrorCode;
import io.wharf.domain.error.Failure;
import io.wharf.domain.error.RegistryException;
import io.wharf.domain.model.Descriptor;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.DigestAlgorithm;
import io.wharf.domain.model.Manifest;
import io.wharf.domain.model.ManifestParser;
import io.wharf.domain.model.Reference;
import io.wharf.domain.model.RegistryEvent;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.StoredManifest;
import io.wharf.domain.model.Tag;
import io.wharf.domain.port.EventPublisher;
import io.wharf.domain.port.ManifestIndex;
import io.wharf.domain.port.ManifestIndex.PutManifestOutcome;

import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;

/** Pushing, pulling and deleting manifests: validated by the domain, stored atomically by the catalog. */
public final class ManifestService implements Manifests {
    private final ManifestIndex manifests;
    private final EventPublisher events;
    private final Clock clock;

    public ManifestService(ManifestIndex manifests, EventPublisher events, Clock clock) {
        this.manifests = manifests;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public PushedManifest push(RepositoryName repository, Reference reference, Optional<String> contentType,
                               byte[] payload) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new RegistryException(ErrorCode.SIZE_INVALID, Failure.TOO_LARGE,
                    "manifest is " + payload.length + " bytes, the limit is " + MAX_PAYLOAD_BYTES);
        }
        DigestAlgorithm algorithm = reference instanceof Reference.ByDigest byDigest
                ? byDigest.digest().algorithm()
                : DigestAlgorithm.SHA256;
        Manifest manifest = ManifestParser.parse(payload, contentType, algorithm);
        if (reference instanceof Reference.ByDigest byDigest && !byDigest.digest().equals(manifest.digest())) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID,
                    "manifest content has digest " + manifest.digest() + ", not " + byDigest.digest());
        }
        Optional<Tag> tag = reference instanceof Reference.ByTag byTag ? Optional.of(byTag.tag()) : Optional.empty();
        PutManifestOutcome outcome = manifests.putManifest(repository, manifest, tag);
        if (outcome instanceof PutManifestOutcome.MissingReferences missing) {
            throw new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN,
                    missingDetail(repository, missing));
        }
        events.publish(new RegistryEvent(RegistryEvent.Action.PUSH, repository, manifest.digest(),
                Optional.of(manifest.mediaType()), OptionalLong.of(manifest.size()), tag, Optional.empty(),
                clock.instant()));
        return new PushedManifest(manifest.digest(), manifest.subject().map(Descriptor::digest));
    }

    @Override
    public StoredManifest get(RepositoryName repository, Reference reference) {
        return manifests.findManifest(repository, reference).orElseThrow(() -> unknown(repository, reference));
    }

    @Override
    public void delete(RepositoryName repository, Reference reference) {
        StoredManifest manifest = get(repository, reference);
        boolean deleted = switch (reference) {
            case Reference.ByDigest byDigest -> manifests.deleteManifest(repository, byDigest.digest());
            case Reference.ByTag byTag -> manifests.deleteTag(repository, byTag.tag());
        };
        if (!deleted) {
            throw unknown(repository, reference);
        }
        Optional<Tag> tag = reference instanceof Reference.ByTag byTag ? Optional.of(byTag.tag()) : Optional.empty();
        events.publish(new RegistryEvent(RegistryEvent.Action.DELETE, repository, manifest.digest(),
                Optional.of(manifest.mediaType()), OptionalLong.of(manifest.size()), tag, Optional.empty(),
                clock.instant()));
    }

    private static String missingDetail(RepositoryName repository, PutManifestOutcome.MissingReferences missing) {
        StringBuilder detail = new StringBuilder("repository ").append(repository).append(" lacks");
        if (!missing.blobs().isEmpty()) {
            detail.append(" blobs ").append(missing.blobs());
        }
        if (!missing.manifests().isEmpty()) {
            detail.append(missing.blobs().isEmpty() ? "" : " and").append(" manifests ").append(missing.manifests());
        }
        return detail.append(" that the manifest references; push them first").toString();
    }

    private static RegistryException unknown(RepositoryName repository, Reference reference) {
        return new RegistryException(ErrorCode.MANIFEST_UNKNOWN,
                "repository " + repository + " has no manifest " + reference);
    }
}
