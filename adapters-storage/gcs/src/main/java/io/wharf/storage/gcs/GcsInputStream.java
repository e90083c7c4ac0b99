package io.wharf.storage.gcs;

import com.google.cloud.BaseServiceException;
import com.google.cloud.ReadChannel;

import io.wharf.domain.port.PathNotFoundException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An object's bytes through a {@link ReadChannel}. Unlike {@code Channels.newInputStream} it reports the SDK's
 * unchecked failures as IOExceptions naming the object, and an object deleted since the reader opened as
 * {@link PathNotFoundException}.
 */
final class GcsInputStream extends InputStream {
    private final ReadChannel channel;
    private final String path;
    private final String object;

    GcsInputStream(ReadChannel channel, String path, String object) {
        this.channel = channel;
        this.path = path;
        this.object = object;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        try {
            int read;
            do {
                read = channel.read(ByteBuffer.wrap(buffer, offset, length));
            } while (read == 0);
            return read;
        } catch (BaseServiceException e) {
            throw failure(e);
        } catch (IOException e) {
            if (e.getCause() instanceof BaseServiceException service) {
                throw failure(service);
            }
            throw GcsFailures.of("read", object, e);
        }
    }

    private IOException failure(BaseServiceException e) {
        return GcsFailures.isNotFound(e) ? new PathNotFoundException(path) : GcsFailures.of("read", object, e);
    }

    @Override
    public void close() {
        channel.close();
    }
}
