package io.wharf.domain.error;

/**
 * Why an operation failed, independent of any protocol. The HTTP adapter maps each to a status;
 * it exists because one error code can mean different statuses (BLOB_UPLOAD_INVALID is 400 for a
 * bad request and 416 for a chunk that does not continue the upload).
 */
public enum Failure {
    INVALID,
    NOT_FOUND,
    RANGE_NOT_SATISFIABLE,
    TOO_LARGE,
    UNAUTHENTICATED,
    FORBIDDEN,
    UNSUPPORTED,
    THROTTLED
}
