package io.wharf.storage.s3;

import java.io.FilterInputStream;
import java.io.IOException;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An object's bytes as they arrive. Closing it early (a client that went away mid-blob) aborts the
 * connection instead of letting the HTTP client drain what is left, which for a large blob would mean
 * downloading it to the end for nothing.
 */
final class ObjectStream extends FilterInputStream {
    private final ResponseInputStream<?> response;
    private final String description;
    private boolean ended;

    ObjectStream(ResponseInputStream<?> response, String description) {
        super(response);
        this.response = response;
        this.description = description;
    }

    @Override
    public int read() throws IOException {
        try {
            int b = super.read();
            ended |= b < 0;
            return b;
        } catch (SdkException e) {
            throw new IOException("reading " + description + " failed: " + S3Failures.describe(e), e);
        }
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        try {
            int n = super.read(bytes, offset, length);
            ended |= n < 0;
            return n;
        } catch (SdkException e) {
            throw new IOException("reading " + description + " failed: " + S3Failures.describe(e), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (!ended) {
            response.abort();
        }
        super.close();
    }
}
