package io.wharf.application.service;

import io.wharf.application.port.in.Manifests;
import io.wharf.domain.error.ErrorCode;
import io.wharf.domain.event.Action;
import io.wharf.domain.event.Origin;
import io.wharf.domain.event.Target;
import io.wharf.domain.error.Failure;
import io.wharf.domain.error.RegistryException;
import io.wharf.domain.model.Descriptor;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.DigestAlgorithm;
import io.wharf.domain.model.Manifest;
import io.wharf.domain.model.ManifestParser;
import io.wharf.domain.model.Reference;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.StoredManifest;
import io.wharf.domain.model.Tag;
import io.wharf.domain.port.ManifestIndex;
import io.wharf.domain.port.ManifestIndex.PutManifestOutcome;

import java.util.Optional;

/** Pushing, pulling and deleting manifests: validated by the domain, stored atomically by the catalog. */
public final class ManifestService implements Manifests {
    private final ManifestIndex manifests;
    private final EventRecorder events;
    private final PullTimes pulls;

    public ManifestService(ManifestIndex manifests, EventRecorder events, PullTimes pulls) {
        this.manifests = manifests;
        this.events = events;
        this.pulls = pulls;
    }

    @Override
    public PushedManifest push(RepositoryName repository, Reference reference, Optional<String> contentType,
                               byte[] payload, Origin origin) {
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
        PutManifestOutcome outcome = manifests.putManifest(repository, manifest, tag,
                events.eventsFor(Action.PUSH, Target.manifest(repository, manifest, tag), origin));
        if (outcome instanceof PutManifestOutcome.MissingReferences missing) {
            throw new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN,
                    missingDetail(repository, missing));
        }
        return new PushedManifest(manifest.digest(), manifest.subject().map(Descriptor::digest));
    }

    @Override
    public StoredManifest get(RepositoryName repository, Reference reference) {
        return manifests.findManifest(repository, reference).orElseThrow(() -> unknown(repository, reference));
    }

    @Override
    public StoredManifest pull(RepositoryName repository, Reference reference, Origin origin) {
        StoredManifest manifest = get(repository, reference);
        pulls.pulled(repository, manifest.digest());
        Optional<Tag> tag = reference instanceof Reference.ByTag byTag ? Optional.of(byTag.tag()) : Optional.empty();
        events.recordAlone(Action.PULL, Target.storedManifest(repository, manifest, tag), origin);
        return manifest;
    }

    /** By digest, the event names the manifest; by tag, only the tag, as distribution's does. */
    @Override
    public void delete(RepositoryName repository, Reference reference, Origin origin) {
        StoredManifest manifest = get(repository, reference);
        boolean deleted = switch (reference) {
            case Reference.ByDigest byDigest -> manifests.deleteManifest(repository, byDigest.digest(),
                    events.eventsFor(Action.DELETE, Target.storedManifest(repository, manifest, Optional.empty()), origin));
            case Reference.ByTag byTag -> manifests.deleteTag(repository, byTag.tag(),
                    events.eventsFor(Action.DELETE, Target.tag(repository, byTag.tag()), origin));
        };
        if (!deleted) {
            throw unknown(repository, reference);
        }
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
