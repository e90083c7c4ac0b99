package io.wharf.domain.port;

/**
 * Checks driver paths before they reach storage: absolute, '/'-separated components of
 * {@code [A-Za-z0-9._:-]}, no empty, {@code .} or {@code ..} component, no trailing slash. A malformed
 * path is a programming error, hence {@link IllegalArgumentException}; checking every path also means a
 * path can never escape the storage root. The core applies it to every call before a driver sees the path.
 */
public final class StoragePaths {
    public static final String ROOT = "/";

    private StoragePaths() {
    }

    /** {@code path} if it names an object (anything but the root). */
    public static String object(String path) {
        if (ROOT.equals(path)) {
            throw new IllegalArgumentException("the root '/' is a directory, not an object");
        }
        return directory(path);
    }

    /** {@code path} if it may name a directory: like an object path, or the root. */
    public static String directory(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            throw invalid(path, "must start with '/'");
        }
        if (ROOT.equals(path)) {
            return path;
        }
        int start = 1;
        while (true) {
            int end = path.indexOf('/', start);
            int stop = end < 0 ? path.length() : end;
            checkComponent(path, start, stop);
            if (end < 0) {
                return path;
            }
            start = end + 1;
        }
    }

    /** Whether {@code name} could be one component of a valid path; other names in storage are the driver's own. */
    public static boolean isComponent(String name) {
        return componentProblem(name, 0, name.length()) == null;
    }

    private static void checkComponent(String path, int start, int stop) {
        String problem = componentProblem(path, start, stop);
        if (problem != null) {
            throw invalid(path, problem);
        }
    }

    private static String componentProblem(String text, int start, int stop) {
        if (start == stop) {
            return "has an empty component (double or trailing '/')";
        }
        int length = stop - start;
        if ((length == 1 || length == 2) && text.startsWith("..".substring(0, length), start)) {
            return "has a '.' or '..' component";
        }
        for (int i = start; i < stop; i++) {
            char c = text.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!allowed) {
                return "has a character outside [A-Za-z0-9._:-]";
            }
        }
        return null;
    }

    private static IllegalArgumentException invalid(String path, String problem) {
        return new IllegalArgumentException("storage path '" + path + "' " + problem);
    }

    /** The parent directory of an object path; the root for top-level objects. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash == 0 ? ROOT : path.substring(0, slash);
    }
}
