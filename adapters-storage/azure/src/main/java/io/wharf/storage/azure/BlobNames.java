package io.wharf.storage.azure;

/**
 * Maps storage paths to blob names: the {@code rootdirectory} prefix followed by the path without its
 * leading '/'. Blob names then read like distribution's paths ({@code docker/registry/v2/...}), and the
 * "/" delimiter of a hierarchical listing gives the path's directories.
 *
 * @param prefix empty, or the root directory ending in '/'
 */
record BlobNames(String prefix) {
    BlobNames {
        if (!prefix.isEmpty() && (prefix.startsWith("/") || !prefix.endsWith("/"))) {
            throw new IllegalArgumentException("blob name prefix '" + prefix + "' must be empty or end, not start, with '/'");
        }
    }

    /** The blob holding the object at {@code path}. */
    String blob(String path) {
        return prefix + path.substring(1);
    }

    /** What the names of blobs inside the directory {@code path} start with. */
    String directoryPrefix(String path) {
        return "/".equals(path) ? prefix : prefix + path.substring(1) + "/";
    }
}
