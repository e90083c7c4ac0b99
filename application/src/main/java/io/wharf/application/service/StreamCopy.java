package io.wharf.application.service;

import io.wharf.domain.port.StorageWriter;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Copies a request body into storage while hashing it: the single pass over pushed bytes. */
final class StreamCopy {
    static final int BUFFER_SIZE = 1 << 20;

    private StreamCopy() {
    }

    /** @return the number of bytes copied */
    static long copy(InputStream in, StorageWriter out, MessageDigest digest) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long total = 0;
        int n;
        while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
            digest.update(buffer, 0, n);
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    /** Hashes a stream without keeping it, to rebuild an upload's state from stored bytes. */
    static void hash(InputStream in, MessageDigest digest) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        int n;
        while ((n = in.read(buffer)) > 0) {
            digest.update(buffer, 0, n);
        }
    }
}
