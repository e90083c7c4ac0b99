package io.wharf.bootstrap.tracing;

import io.wharf.application.port.in.BlobReads;
import io.wharf.domain.event.Origin;
import io.wharf.domain.model.BlobRecord;
import io.wharf.domain.model.ByteRange;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.RepositoryName;

import java.util.Optional;

/**
 * {@link BlobReads} with a span per call. The bytes of a blob are streamed after {@code open} returns,
 * so their storage read hangs under the request's span, not this one.
 */
final class TracedBlobReads implements BlobReads {
    private final BlobReads reads;
    private final UseCaseSpans spans;

    TracedBlobReads(BlobReads reads, UseCaseSpans spans) {
        this.reads = reads;
        this.spans = spans;
    }

    @Override
    public BlobRecord stat(RepositoryName repository, Digest digest) {
        return spans.run("BlobReads.stat", repository, b -> b.setAttribute(UseCaseSpans.DIGEST, digest.toString()),
                () -> reads.stat(repository, digest));
    }

    @Override
    public BlobContent open(RepositoryName repository, Digest digest, Optional<ByteRange> range, Origin origin) {
        return spans.run("BlobReads.open", repository, b -> b.setAttribute(UseCaseSpans.DIGEST, digest.toString()),
                () -> reads.open(repository, digest, range, origin));
    }

    @Override
    public void delete(RepositoryName repository, Digest digest, Origin origin) {
        spans.run("BlobReads.delete", repository, b -> b.setAttribute(UseCaseSpans.DIGEST, digest.toString()),
                () -> reads.delete(repository, digest, origin));
    }
}
