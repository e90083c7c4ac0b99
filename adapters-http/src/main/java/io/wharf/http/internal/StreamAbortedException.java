package io.wharf.http.internal;

import java.io.IOException;

/**
 * Copying a body failed after the status line went out, so no error response can follow: the
 * dispatcher lets Helidon close the connection, which is how the client learns the body is short.
 */
final class StreamAbortedException extends RuntimeException {
    StreamAbortedException(IOException cause) {
        super(cause.getMessage(), cause);
    }
}
