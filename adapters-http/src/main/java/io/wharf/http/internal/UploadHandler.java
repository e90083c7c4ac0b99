package io.wharf.http.internal;

import io.helidon.common.uri.UriQuery;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wharf.application.port.in.BlobUploads;
import io.wharf.application.port.in.BlobUploads.UploadStatus;
import io.wharf.domain.event.Origin;
import io.wharf.domain.error.ErrorCode;
import io.wharf.domain.error.Failure;
import io.wharf.domain.error.RegistryException;
import io.wharf.domain.model.BlobRecord;
import io.wharf.domain.model.ByteRange;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.RepositoryName;

import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;

/**
 * Blob pushes: {@code POST /v2/<name>/blobs/uploads/} (session, monolithic, mount) and
 * PATCH/PUT/GET/DELETE of {@code /v2/<name>/blobs/uploads/<uuid>}. Bodies go to the use case as
 * the request's stream, never buffered here.
 */
final class UploadHandler {
    private final BlobUploads uploads;
    /** Sent as OCI-Chunk-Min-Length when positive; 0 leaves the header out, as distribution does. */
    private final long chunkMinLength;
    private final Origin origin;

    UploadHandler(BlobUploads uploads, long chunkMinLength, Origin origin) {
        this.uploads = uploads;
        this.chunkMinLength = chunkMinLength;
        this.origin = origin;
    }

    void post(RepositoryName repository, ServerRequest req, ServerResponse res) {
        UriQuery query = req.query();
        Optional<String> mount = parameter(query, "mount");
        if (mount.isPresent()) {
            Digest digest = Digest.parse(mount.get());
            Optional<RepositoryName> from = parameter(query, "from").map(RepositoryName::of);
            Optional<BlobRecord> mounted = uploads.mount(repository, digest, from, origin);
            if (mounted.isPresent()) {
                created(res, repository, mounted.get());
                return;
            }
            // the spec's fallback: not mountable, so open an ordinary session instead
        } else if (query.contains("digest")) {
            Digest digest = Digest.parse(query.get("digest"));
            created(res, repository, uploads.uploadWhole(repository, digest, RequestFacts.body(req), origin));
            return;
        }
        UploadStatus status = uploads.start(repository);
        if (chunkMinLength > 0) {
            res.header(RegistryHeaders.OCI_CHUNK_MIN_LENGTH, Long.toString(chunkMinLength));
        }
        accepted(res, status, Status.ACCEPTED_202);
    }

    void patch(RepositoryName repository, UUID session, ServerRequest req, ServerResponse res) {
        Optional<ByteRange> range = ContentRangeHeader.parse(req.headers().first(HeaderNames.CONTENT_RANGE));
        UploadStatus status;
        try {
            status = uploads.append(repository, session, range, RequestFacts.body(req));
        } catch (RegistryException e) {
            if (e.failure() == Failure.RANGE_NOT_SATISFIABLE) {
                // the 416 tells the client where the upload stands so it can resume
                progress(res, uploads.status(repository, session));
            }
            throw e;
        }
        accepted(res, status, Status.ACCEPTED_202);
    }

    void status(RepositoryName repository, UUID session, ServerResponse res) {
        accepted(res, uploads.status(repository, session), Status.NO_CONTENT_204);
    }

    void put(RepositoryName repository, UUID session, ServerRequest req, ServerResponse res) {
        Digest digest = parameter(req.query(), "digest")
                .map(Digest::parse)
                .orElseThrow(() -> new RegistryException(ErrorCode.DIGEST_INVALID,
                        "completing an upload needs the ?digest= query parameter"));
        Optional<InputStream> lastChunk = req.content().hasEntity()
                ? Optional.of(RequestFacts.body(req))
                : Optional.empty();
        created(res, repository, uploads.complete(repository, session, digest, lastChunk, origin));
    }

    void delete(RepositoryName repository, UUID session, ServerResponse res) {
        uploads.cancel(repository, session);
        res.status(Status.NO_CONTENT_204);
        res.send();
    }

    private static void created(ServerResponse res, RepositoryName repository, BlobRecord blob) {
        res.status(Status.CREATED_201);
        res.header(HeaderNames.LOCATION, Locations.blob(repository, blob.digest()));
        res.header(RegistryHeaders.DOCKER_CONTENT_DIGEST, blob.digest().toString());
        res.header(RegistryHeaders.CONTENT_LENGTH_ZERO);
        res.send();
    }

    private static void accepted(ServerResponse res, UploadStatus status, Status code) {
        res.status(code);
        progress(res, status);
        res.header(RegistryHeaders.CONTENT_LENGTH_ZERO);
        res.send();
    }

    private static void progress(ServerResponse res, UploadStatus status) {
        res.header(HeaderNames.LOCATION, Locations.upload(status.repository(), status.session()));
        res.header(HeaderNames.RANGE, rangeValue(status.offset()));
        res.header(RegistryHeaders.DOCKER_UPLOAD_UUID, status.session().toString());
    }

    /**
     * {@code 0-<offset-1>}, inclusive. An empty session is {@code 0-0}, as distribution sends it:
     * the spec's form cannot express "nothing yet", and docker/containerd are written against that.
     */
    static String rangeValue(long offset) {
        return "0-" + Math.max(0, offset - 1);
    }

    /** A query parameter, with an empty value treated as absent. */
    static Optional<String> parameter(UriQuery query, String name) {
        return query.first(name).asOptional().filter(v -> !v.isEmpty());
    }
}
