package io.wharf.storage.azure;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A blob's byte stream whose failures read like every other failure of this driver. The SDK's stream
 * fetches the blob chunk by chunk while it is read, and reports a failed fetch with the raw service
 * response (or, for a dropped connection, an unchecked exception).
 */
final class BlobReader extends FilterInputStream {
    private final BlobTarget target;

    BlobReader(BlobTarget target, InputStream blob) {
        super(blob);
        this.target = target;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException | RuntimeException e) {
            throw failure(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        } catch (IOException | RuntimeException e) {
            throw failure(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (IOException | RuntimeException e) {
            throw failure(e);
        }
    }

    private IOException failure(Exception e) {
        if (e instanceof RuntimeException unchecked) {
            return target.failure("read", unchecked);
        }
        if (e.getCause() instanceof RuntimeException cause) {
            return target.failure("read", cause);
        }
        return (IOException) e;
    }
}
