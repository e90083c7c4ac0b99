package io.wharf.http.internal;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wharf.application.port.in.Manifests;
import io.wharf.application.port.in.Manifests.PushedManifest;
import io.wharf.domain.event.Origin;
import io.wharf.domain.error.ErrorCode;
import io.wharf.domain.error.Failure;
import io.wharf.domain.error.RegistryException;
import io.wharf.domain.model.Reference;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.StoredManifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * GET, HEAD, PUT and DELETE of {@code /v2/<name>/manifests/<reference>}. A GET always returns the
 * stored bytes and media type: the registry converts nothing, so Accept cannot change the answer
 * (distribution does the same for OCI content; docker's long Accept lists rely on it).
 */
final class ManifestHandler {
    private final Manifests manifests;
    private final Origin origin;

    ManifestHandler(Manifests manifests, Origin origin) {
        this.manifests = manifests;
        this.origin = origin;
    }

    void get(RepositoryName repository, Reference reference, ServerResponse res) {
        StoredManifest manifest = manifests.pull(repository, reference, origin);
        describe(res, manifest);
        res.send(manifest.payload());
    }

    void head(RepositoryName repository, Reference reference, ServerResponse res) {
        StoredManifest manifest = manifests.get(repository, reference);
        describe(res, manifest);
        res.send();
    }

    void put(RepositoryName repository, Reference reference, ServerRequest req, ServerResponse res) {
        byte[] payload = readCapped(req);
        Optional<String> contentType = req.headers().first(HeaderNames.CONTENT_TYPE).flatMap(ManifestHandler::mediaType);
        PushedManifest pushed = manifests.push(repository, reference, contentType, payload, origin);
        res.status(Status.CREATED_201);
        res.header(HeaderNames.LOCATION, Locations.manifest(repository, pushed.digest()));
        res.header(RegistryHeaders.DOCKER_CONTENT_DIGEST, pushed.digest().toString());
        pushed.subject().ifPresent(subject -> res.header(RegistryHeaders.OCI_SUBJECT, subject.toString()));
        res.header(RegistryHeaders.CONTENT_LENGTH_ZERO);
        res.send();
    }

    void delete(RepositoryName repository, Reference reference, ServerResponse res) {
        manifests.delete(repository, reference, origin);
        res.status(Status.ACCEPTED_202);
        res.send();
    }

    private static void describe(ServerResponse res, StoredManifest manifest) {
        String digest = manifest.digest().toString();
        res.header(HeaderNames.CONTENT_TYPE, manifest.mediaType());
        res.header(RegistryHeaders.DOCKER_CONTENT_DIGEST, digest);
        res.header(HeaderNames.ETAG, "\"" + digest + "\"");
        res.header(HeaderValues.create(HeaderNames.CONTENT_LENGTH, manifest.size()));
    }

    /** The body, refused (413) past the cap: the declared length first, then at most cap+1 bytes read. */
    static byte[] readCapped(ServerRequest req) {
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > Manifests.MAX_PAYLOAD_BYTES) {
            throw tooLarge(declared.getAsLong());
        }
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        byte[] payload;
        try {
            payload = RequestFacts.body(req).readNBytes(Manifests.MAX_PAYLOAD_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (payload.length > Manifests.MAX_PAYLOAD_BYTES) {
            throw tooLarge(payload.length);
        }
        return payload;
    }

    private static RegistryException tooLarge(long size) {
        return new RegistryException(ErrorCode.MANIFEST_INVALID, Failure.TOO_LARGE,
                "manifest of " + (size > Manifests.MAX_PAYLOAD_BYTES + 1L ? size + " bytes" : "more than "
                        + Manifests.MAX_PAYLOAD_BYTES + " bytes") + " exceeds the limit of "
                        + Manifests.MAX_PAYLOAD_BYTES + " bytes");
    }

    /** {@code type/subtype; charset=…} to {@code type/subtype}; empty when nothing is left. */
    static Optional<String> mediaType(String header) {
        int semicolon = header.indexOf(';');
        String type = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
        return type.isEmpty() ? Optional.empty() : Optional.of(type);
    }
}
