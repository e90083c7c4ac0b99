package io.wharf.domain.error;

/** The OCI Distribution error codes: a closed set, each with the failure class it usually signals. */
public enum ErrorCode {
    BLOB_UNKNOWN("blob unknown to registry", Failure.NOT_FOUND),
    BLOB_UPLOAD_INVALID("blob upload invalid", Failure.INVALID),
    BLOB_UPLOAD_UNKNOWN("blob upload unknown to registry", Failure.NOT_FOUND),
    DIGEST_INVALID("provided digest did not match uploaded content", Failure.INVALID),
    MANIFEST_BLOB_UNKNOWN("manifest references a manifest or blob unknown to registry", Failure.INVALID),
    MANIFEST_INVALID("manifest invalid", Failure.INVALID),
    MANIFEST_UNKNOWN("manifest unknown to registry", Failure.NOT_FOUND),
    NAME_INVALID("invalid repository name", Failure.INVALID),
    NAME_UNKNOWN("repository name not known to registry", Failure.NOT_FOUND),
    SIZE_INVALID("provided length did not match content length", Failure.INVALID),
    UNAUTHORIZED("authentication required", Failure.UNAUTHENTICATED),
    DENIED("requested access to the resource is denied", Failure.FORBIDDEN),
    UNSUPPORTED("the operation is unsupported", Failure.UNSUPPORTED),
    TOOMANYREQUESTS("too many requests", Failure.THROTTLED);

    private final String message;
    private final Failure defaultFailure;

    ErrorCode(String message, Failure defaultFailure) {
        this.message = message;
        this.defaultFailure = defaultFailure;
    }

    /** The spec's short human message for this code. */
    public String message() {
        return message;
    }

    public Failure defaultFailure() {
        return defaultFailure;
    }
}
