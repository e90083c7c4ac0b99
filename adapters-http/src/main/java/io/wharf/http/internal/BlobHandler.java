package io.wharf.http.internal;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wharf.application.port.in.BlobReads;
import io.wharf.application.port.in.BlobReads.BlobContent;
import io.wharf.domain.event.Origin;
import io.wharf.domain.error.ErrorCode;
import io.wharf.domain.error.Failure;
import io.wharf.domain.error.RegistryException;
import io.wharf.domain.model.BlobRecord;
import io.wharf.domain.model.ByteRange;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.RepositoryName;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/** GET, HEAD and DELETE of {@code /v2/<name>/blobs/<digest>}. */
final class BlobHandler {
    /**
     * Bodies are written in 1 MiB pieces: with the blocking socket layer that is what brings a
     * large blob GET close to nginx (TOOLCHAIN.md), where small writes cost a syscall each.
     */
    static final int CHUNK = 1024 * 1024;

    private final BlobReads blobs;
    private final Origin origin;

    BlobHandler(BlobReads blobs, Origin origin) {
        this.blobs = blobs;
        this.origin = origin;
    }

    void head(RepositoryName repository, Digest digest, ServerResponse res) {
        // stat only: a HEAD must not open the bytes
        BlobRecord blob = blobs.stat(repository, digest);
        identity(res, blob.digest());
        res.header(HeaderValues.create(HeaderNames.CONTENT_LENGTH, blob.size()));
        res.send();
    }

    void get(RepositoryName repository, Digest digest, ServerRequest req, ServerResponse res) {
        Optional<RangeHeader> rangeHeader = RangeHeader.parse(req.headers().first(HeaderNames.RANGE));
        Optional<ByteRange> range = Optional.empty();
        if (rangeHeader.isPresent()) {
            long size = rangeHeader.get().needsSize() ? blobs.stat(repository, digest).size() : -1;
            range = rangeHeader.get().resolve(size);
            if (range.isEmpty()) {
                throw unsatisfiable(res, size);
            }
        }
        BlobContent content;
        try {
            content = blobs.open(repository, digest, range, origin);
        } catch (RegistryException e) {
            if (e.failure() == Failure.RANGE_NOT_SATISFIABLE) {
                // the 416 must say how long the blob is; ask only now, on the rare path
                res.header(HeaderNames.CONTENT_RANGE, "bytes */" + blobs.stat(repository, digest).size());
            }
            throw e;
        }
        identity(res, content.blob().digest());
        if (content.redirect().isPresent()) {
            res.status(Status.TEMPORARY_REDIRECT_307);
            res.header(HeaderNames.LOCATION, content.redirect().get().toString());
            res.send();
            return;
        }
        if (content.range().isPresent()) {
            ByteRange served = content.range().get();
            res.status(Status.PARTIAL_CONTENT_206);
            res.header(HeaderNames.CONTENT_RANGE,
                    "bytes " + served.first() + "-" + served.last() + "/" + content.blob().size());
        }
        long length = content.length();
        // Content-Length before the stream is requested: Helidon then writes a plain body, not chunks
        res.header(HeaderValues.create(HeaderNames.CONTENT_LENGTH, length));
        if (length == 0) {
            res.send();
            return;
        }
        stream(content, length, res);
    }

    void delete(RepositoryName repository, Digest digest, ServerResponse res) {
        blobs.delete(repository, digest, origin);
        res.status(Status.ACCEPTED_202);
        res.send();
    }

    private static void identity(ServerResponse res, Digest digest) {
        res.header(RegistryHeaders.DOCKER_CONTENT_DIGEST, digest.toString());
        res.header(RegistryHeaders.OCTET_STREAM);
        res.header(RegistryHeaders.ACCEPT_RANGES_BYTES);
    }

    private static RegistryException unsatisfiable(ServerResponse res, long size) {
        res.header(HeaderNames.CONTENT_RANGE, "bytes */" + size);
        return new RegistryException(ErrorCode.SIZE_INVALID, Failure.RANGE_NOT_SATISFIABLE,
                "range cannot be satisfied for a blob of " + size + " bytes");
    }

    /** Opening may fail with an ordinary error (500); once bytes flow, a failure can only cut the connection. */
    private static void stream(BlobContent content, long length, ServerResponse res) {
        InputStream in;
        try {
            in = content.stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot open blob " + content.blob().digest(), e);
        }
        try (in; OutputStream out = res.outputStream()) {
            copy(in, out, length);
        } catch (IOException e) {
            throw new StreamAbortedException(e);
        }
    }

    /** Copies exactly {@code length} bytes in full {@link #CHUNK}-sized writes. */
    static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[(int) Math.min(CHUNK, length)];
        long remaining = length;
        while (remaining > 0) {
            int want = (int) Math.min(buffer.length, remaining);
            int read = in.readNBytes(buffer, 0, want);
            if (read > 0) {
                out.write(buffer, 0, read);
            }
            if (read < want) {
                throw new IOException("blob ended " + (remaining - read) + " bytes early");
            }
            remaining -= read;
        }
    }
}
