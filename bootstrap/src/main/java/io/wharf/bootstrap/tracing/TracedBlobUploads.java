package io.wharf.bootstrap.tracing;

import io.wharf.application.port.in.BlobUploads;
import io.wharf.domain.event.Origin;
import io.wharf.domain.model.BlobRecord;
import io.wharf.domain.model.ByteRange;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.RepositoryName;

import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;

/** {@link BlobUploads} with a span per call. */
final class TracedBlobUploads implements BlobUploads {
    private final BlobUploads uploads;
    private final UseCaseSpans spans;

    TracedBlobUploads(BlobUploads uploads, UseCaseSpans spans) {
        this.uploads = uploads;
        this.spans = spans;
    }

    @Override
    public UploadStatus start(RepositoryName repository) {
        return spans.run("BlobUploads.start", repository, () -> uploads.start(repository));
    }

    @Override
    public BlobRecord uploadWhole(RepositoryName repository, Digest expected, InputStream body, Origin origin) {
        return spans.run("BlobUploads.uploadWhole", repository,
                b -> b.setAttribute(UseCaseSpans.DIGEST, expected.toString()),
                () -> uploads.uploadWhole(repository, expected, body, origin));
    }

    @Override
    public UploadStatus append(RepositoryName repository, UUID session, Optional<ByteRange> range, InputStream body) {
        return spans.run("BlobUploads.append", repository,
                b -> b.setAttribute(UseCaseSpans.SESSION, session.toString()),
                () -> uploads.append(repository, session, range, body));
    }

    @Override
    public UploadStatus status(RepositoryName repository, UUID session) {
        return spans.run("BlobUploads.status", repository,
                b -> b.setAttribute(UseCaseSpans.SESSION, session.toString()),
                () -> uploads.status(repository, session));
    }

    @Override
    public BlobRecord complete(RepositoryName repository, UUID session, Digest expected,
                               Optional<InputStream> lastChunk, Origin origin) {
        return spans.run("BlobUploads.complete", repository,
                b -> b.setAttribute(UseCaseSpans.SESSION, session.toString())
                        .setAttribute(UseCaseSpans.DIGEST, expected.toString()),
                () -> uploads.complete(repository, session, expected, lastChunk, origin));
    }

    @Override
    public void cancel(RepositoryName repository, UUID session) {
        spans.run("BlobUploads.cancel", repository, b -> b.setAttribute(UseCaseSpans.SESSION, session.toString()),
                () -> uploads.cancel(repository, session));
    }

    @Override
    public Optional<BlobRecord> mount(RepositoryName repository, Digest digest, Optional<RepositoryName> from,
                                      Origin origin) {
        return spans.run("BlobUploads.mount", repository, b -> b.setAttribute(UseCaseSpans.DIGEST, digest.toString()),
                () -> uploads.mount(repository, digest, from, origin));
    }
}
