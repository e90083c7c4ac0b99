package io.wharf.application.service.access;

import io.wharf.application.port.in.BlobReads;
import io.wharf.domain.auth.Action;
import io.wharf.domain.event.Origin;
import io.wharf.domain.model.BlobRecord;
import io.wharf.domain.model.ByteRange;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.RepositoryName;

import java.util.Optional;
import java.util.Set;

/** Blob reads need pull; deletes need delete, as in distribution. */
record AuthorizedBlobReads(BlobReads inner, Guard guard) implements BlobReads {

    @Override
    public BlobRecord stat(RepositoryName repository, Digest digest) {
        guard.require(repository, Set.of(Action.PULL));
        return inner.stat(repository, digest);
    }

    @Override
    public BlobContent open(RepositoryName repository, Digest digest, Optional<ByteRange> range, Origin origin) {
        guard.require(repository, Set.of(Action.PULL));
        return inner.open(repository, digest, range, origin);
    }

    @Override
    public void delete(RepositoryName repository, Digest digest, Origin origin) {
        guard.require(repository, Set.of(Action.DELETE));
        inner.delete(repository, digest, origin);
    }
}
