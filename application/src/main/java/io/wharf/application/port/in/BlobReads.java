package io.wharf.application.port.in;

import io.wharf.domain.event.Origin;
import io.wharf.domain.model.BlobRecord;
import io.wharf.domain.model.ByteRange;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.RepositoryName;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/** Pulling and deleting blobs. */
public interface BlobReads {

    /** The blob if the repository has it, else BLOB_UNKNOWN. */
    BlobRecord stat(RepositoryName repository, Digest digest);

    /**
     * Opens the blob's bytes, the whole or one range. A range starting past the end is
     * SIZE_INVALID with {@code Failure.RANGE_NOT_SATISFIABLE}; a range ending past the end is cut.
     */
    BlobContent open(RepositoryName repository, Digest digest, Optional<ByteRange> range, Origin origin);

    void delete(RepositoryName repository, Digest digest, Origin origin);

    /**
     * An opened blob: its bytes, or those of {@code range} (already cut to the blob's end) when one was
     * asked for, unless the driver offers a redirect.
     */
    record BlobContent(BlobRecord blob, Optional<ByteRange> range, Optional<URI> redirect, Opener opener) {
        /** How many bytes {@link #stream()} yields. */
        public long length() {
            return range.map(ByteRange::length).orElse(blob.size());
        }

        public InputStream stream() throws IOException {
            return opener.open();
        }
    }

    /** Opens the stream lazily so a redirect or a HEAD never touches the bytes. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }
}
