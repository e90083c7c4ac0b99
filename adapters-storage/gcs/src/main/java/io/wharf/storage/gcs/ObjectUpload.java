package io.wharf.storage.gcs;

import com.google.cloud.BaseServiceException;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One resumable upload: bytes go to GCS a chunk at a time, and the object appears, whole, only when
 * {@link #finish()} finalises the upload. {@link #abandon()} never finalises: GCS drops the unfinished session.
 */
final class ObjectUpload {
    private final WriteChannel channel;
    private final String object;

    private ObjectUpload(WriteChannel channel, String object) {
        this.channel = channel;
        this.object = object;
    }

    /** {@code object} names the object in errors. */
    static ObjectUpload start(Storage storage, BlobId blob, String object, int chunkSize,
                              Storage.BlobWriteOption... preconditions) throws IOException {
        try {
            WriteChannel channel = storage.writer(BlobInfo.newBuilder(blob).build(), preconditions);
            channel.setChunkSize(chunkSize);
            return new ObjectUpload(channel, object);
        } catch (BaseServiceException e) {
            throw GcsFailures.of("upload start", object, e);
        }
    }

    void write(ByteBuffer bytes) throws IOException {
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (BaseServiceException e) {
            throw GcsFailures.of("upload", object, e);
        } catch (IOException e) {
            throw GcsFailures.of("upload", object, e);
        }
    }

    /** Sends what is buffered and finalises the object: it is readable, whole, once this returns. */
    void finish() throws IOException {
        try {
            channel.close();
        } catch (BaseServiceException e) {
            throw GcsFailures.of("upload finish", object, e);
        } catch (IOException e) {
            throw GcsFailures.of("upload finish", object, e);
        }
    }

    /** Drops the upload unfinished; the bytes sent so far never become an object. */
    void abandon() {
        // closing the channel would finalise it, so it is only let go
    }
}
