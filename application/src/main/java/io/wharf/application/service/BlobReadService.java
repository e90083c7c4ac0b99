package io.wharf.application.service;

import io.wharf.application.port.in.BlobReads;
import io.wharf.domain.error.ErrorCode;
import io.wharf.domain.error.Failure;
import io.wharf.domain.error.RegistryException;
import io.wharf.domain.event.Action;
import io.wharf.domain.event.Origin;
import io.wharf.domain.event.Target;
import io.wharf.domain.model.BlobRecord;
import io.wharf.domain.model.ByteRange;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.StorageLayout;
import io.wharf.domain.port.BlobIndex;
import io.wharf.domain.port.StorageDriver;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/** Pulling and deleting blobs: the catalog says whether the repository has it, the driver holds the bytes. */
public final class BlobReadService implements BlobReads {
    private final StorageDriver storage;
    private final BlobIndex blobs;
    private final EventRecorder events;
    private final Optional<Duration> redirectExpiry;

    /** @param redirectExpiry when present, drivers that can are asked for a direct download URL */
    public BlobReadService(StorageDriver storage, BlobIndex blobs, EventRecorder events,
                           Optional<Duration> redirectExpiry) {
        this.storage = storage;
        this.blobs = blobs;
        this.events = events;
        this.redirectExpiry = redirectExpiry;
    }

    @Override
    public BlobRecord stat(RepositoryName repository, Digest digest) {
        return blobs.findLinkedBlob(repository, digest).orElseThrow(() -> new RegistryException(
                ErrorCode.BLOB_UNKNOWN, "repository " + repository + " has no blob " + digest));
    }

    @Override
    public BlobContent open(RepositoryName repository, Digest digest, Optional<ByteRange> requested, Origin origin) {
        BlobRecord blob = stat(repository, digest);
        events.recordAlone(Action.PULL, Target.blob(repository, digest, OptionalLong.of(blob.size())), origin);
        Optional<ByteRange> range = requested.map(r -> clip(r, blob));
        String path = StorageLayout.blobData(digest);
        Optional<URI> redirect = redirectExpiry.flatMap(expiry -> redirectUrl(path, expiry));
        Opener opener = () -> {
            if (range.isEmpty()) {
                return storage.reader(path, 0);
            }
            InputStream in = storage.reader(path, range.get().first());
            return range.get().last() == blob.size() - 1 ? in : new BoundedInputStream(in, range.get().length());
        };
        return new BlobContent(blob, range, redirect, opener);
    }

    @Override
    public void delete(RepositoryName repository, Digest digest, Origin origin) {
        BlobRecord blob = stat(repository, digest);
        if (!blobs.unlinkBlob(repository, digest, events.eventsFor(Action.DELETE,
                Target.blob(repository, digest, OptionalLong.of(blob.size())), origin))) {
            throw new RegistryException(ErrorCode.BLOB_UNKNOWN, "repository " + repository + " has no blob " + digest);
        }
        // The bytes stay until garbage collection: other repositories may link the same blob.
    }

    private static ByteRange clip(ByteRange range, BlobRecord blob) {
        if (range.first() >= blob.size()) {
            throw new RegistryException(ErrorCode.SIZE_INVALID, Failure.RANGE_NOT_SATISFIABLE,
                    "range starts at byte " + range.first() + " but blob " + blob.digest() + " has " + blob.size()
                            + " bytes");
        }
        return new ByteRange(range.first(), Math.min(range.last(), blob.size() - 1));
    }

    private Optional<URI> redirectUrl(String path, Duration expiry) {
        try {
            return storage.redirectUrl(path, expiry);
        } catch (IOException e) {
            throw StorageFailure.of("signing a download URL for " + path, e);
        }
    }
}
