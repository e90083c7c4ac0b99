package io.wharf.http.internal;

import io.wharf.domain.error.ErrorCode;
import io.wharf.domain.error.RegistryException;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.Reference;
import io.wharf.domain.model.RepositoryName;

import java.util.UUID;

/**
 * Turns a decoded request path into a {@link RegistryRoute}. Repository names contain slashes, so
 * the path is read from the right: the fixed suffix says which endpoint it is, and everything
 * between {@code /v2/} and that suffix is the name. Plain string operations, no regex, because this
 * runs on every request.
 *
 * <p>Throws {@link RegistryException} when the shape is an endpoint but a parameter is invalid
 * (NAME_INVALID, DIGEST_INVALID, MANIFEST_INVALID for a bad tag, BLOB_UPLOAD_UNKNOWN for a bad
 * session id), so a client mistake is a 4xx and never a 500.
 */
final class RouteParser {
    private static final String PREFIX = "/v2";
    private static final String TAGS_LIST = "/tags/list";
    private static final String UPLOADS = "/blobs/uploads";
    private static final String BLOBS = "/blobs";
    private static final String MANIFESTS = "/manifests";
    private static final String REFERRERS = "/referrers";

    private RouteParser() {
    }

    static RegistryRoute parse(String path) {
        if (!path.startsWith(PREFIX)) {
            return new RegistryRoute.Unknown(path);
        }
        // rest keeps its leading '/', so "/<name>/blobs/x" and a missing name ("/blobs/x") read alike
        String rest = path.substring(PREFIX.length());
        if (rest.isEmpty() || rest.equals("/")) {
            return new RegistryRoute.Base();
        }
        if (rest.charAt(0) != '/') {
            return new RegistryRoute.Unknown(path);
        }
        if (rest.equals("/_catalog")) {
            return new RegistryRoute.Catalog();
        }
        if (rest.endsWith(TAGS_LIST)) {
            return new RegistryRoute.TagList(name(rest, rest.length() - TAGS_LIST.length()));
        }
        if (rest.endsWith(UPLOADS)) {
            return new RegistryRoute.UploadStart(name(rest, rest.length() - UPLOADS.length()));
        }
        if (rest.endsWith(UPLOADS + "/")) {
            return new RegistryRoute.UploadStart(name(rest, rest.length() - UPLOADS.length() - 1));
        }
        int slash = rest.lastIndexOf('/');
        String last = rest.substring(slash + 1);
        String head = rest.substring(0, slash);
        if (last.isEmpty()) {
            return new RegistryRoute.Unknown(path);
        }
        if (head.endsWith(UPLOADS)) {
            RepositoryName name = name(rest, head.length() - UPLOADS.length());
            return new RegistryRoute.Upload(name, session(last));
        }
        if (head.endsWith(BLOBS)) {
            RepositoryName name = name(rest, head.length() - BLOBS.length());
            return new RegistryRoute.Blob(name, Digest.parse(last));
        }
        if (head.endsWith(MANIFESTS)) {
            RepositoryName name = name(rest, head.length() - MANIFESTS.length());
            return new RegistryRoute.Manifest(name, Reference.parse(last));
        }
        if (head.endsWith(REFERRERS)) {
            RepositoryName name = name(rest, head.length() - REFERRERS.length());
            return new RegistryRoute.Referrers(name, Digest.parse(last));
        }
        return new RegistryRoute.Unknown(path);
    }

    /** The name sits between the leading '/' of {@code rest} and {@code end}. */
    private static RepositoryName name(String rest, int end) {
        return RepositoryName.of(end <= 1 ? "" : rest.substring(1, end));
    }

    /** Upload ids are UUIDs we issued; anything else cannot be a session we know. */
    private static UUID session(String text) {
        // UUID.fromString accepts short forms like "1-2-3-4-5"; insist on the canonical 36 characters
        if (text.length() != 36) {
            throw unknownSession(text);
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw unknownSession(text);
        }
    }

    private static RegistryException unknownSession(String text) {
        return new RegistryException(ErrorCode.BLOB_UPLOAD_UNKNOWN, "upload '" + text + "' is not an upload id");
    }
}
