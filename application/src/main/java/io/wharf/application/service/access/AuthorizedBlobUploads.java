package io.wharf.application.service.access;

import io.wharf.application.port.in.BlobUploads;
import io.wharf.domain.auth.Action;
import io.wharf.domain.auth.Scope;
import io.wharf.domain.event.Origin;
import io.wharf.domain.model.BlobRecord;
import io.wharf.domain.model.ByteRange;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.RepositoryName;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Every upload step needs pull and push, as in distribution. A mount also needs pull on the source;
 * without it the mount is not tried and the client uploads the blob, so a caller cannot learn what
 * another repository holds. A challenge for a mount names the source too, as distribution's does, so
 * that a token client asks for a token good for both.
 */
record AuthorizedBlobUploads(BlobUploads inner, Guard guard) implements BlobUploads {
    private static final Set<Action> PUSH = Set.of(Action.PULL, Action.PUSH);

    @Override
    public UploadStatus start(RepositoryName repository) {
        guard.require(repository, PUSH);
        return inner.start(repository);
    }

    @Override
    public BlobRecord uploadWhole(RepositoryName repository, Digest expected, InputStream body, Origin origin) {
        guard.require(repository, PUSH);
        return inner.uploadWhole(repository, expected, body, origin);
    }

    @Override
    public UploadStatus append(RepositoryName repository, UUID session, Optional<ByteRange> range, InputStream body) {
        guard.require(repository, PUSH);
        return inner.append(repository, session, range, body);
    }

    @Override
    public UploadStatus status(RepositoryName repository, UUID session) {
        guard.require(repository, PUSH);
        return inner.status(repository, session);
    }

    @Override
    public BlobRecord complete(RepositoryName repository, UUID session, Digest expected, Optional<InputStream> lastChunk,
                               Origin origin) {
        guard.require(repository, PUSH);
        return inner.complete(repository, session, expected, lastChunk, origin);
    }

    @Override
    public void cancel(RepositoryName repository, UUID session) {
        guard.require(repository, PUSH);
        inner.cancel(repository, session);
    }

    @Override
    public Optional<BlobRecord> mount(RepositoryName repository, Digest digest, Optional<RepositoryName> from,
                                      Origin origin) {
        guard.require(repository, PUSH, from.map(source -> List.of(Scope.repository(source.value(), Set.of(Action.PULL))))
                .orElse(List.of()));
        if (from.isPresent() && !guard.allows(from.get(), Action.PULL)) {
            return Optional.empty();
        }
        return inner.mount(repository, digest, from, origin);
    }
}
