package io.wharf.domain.port;

import java.io.IOException;

/** The storage driver has no object at the path. */
public final class PathNotFoundException extends IOException {
    public PathNotFoundException(String path) {
        super("no object at " + path);
    }
}
