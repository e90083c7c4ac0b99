package io.wharf.storage.gcs;

import com.google.cloud.BaseServiceException;

import java.io.IOException;

/**
 * Turns SDK failures (unchecked {@link BaseServiceException}s, or an IOException from a channel) into the
 * IOExceptions the port promises, naming the operation, the object, the HTTP status and GCS's reason, so an
 * operator can tell a missing permission (403 forbidden) from a wrong bucket (404 notFound) from a race (412).
 */
final class GcsFailures {
    static final int NOT_FOUND = 404;

    private GcsFailures() {
    }

    static IOException of(String operation, String object, BaseServiceException e) {
        String reason = e.getReason() == null ? "" : " " + e.getReason();
        return new IOException("GCS " + operation + " of " + object + " failed: status " + e.getCode() + reason
                + ": " + e.getMessage(), e);
    }

    static IOException of(String operation, String object, IOException e) {
        BaseServiceException cause = serviceCause(e);
        if (cause != null) {
            return of(operation, object, cause);
        }
        return new IOException("GCS " + operation + " of " + object + " failed: " + e.getMessage(), e);
    }

    static boolean isNotFound(BaseServiceException e) {
        return e.getCode() == NOT_FOUND;
    }

    /** The SDK's channels report service errors wrapped in IOExceptions. */
    private static BaseServiceException serviceCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BaseServiceException service) {
                return service;
            }
        }
        return null;
    }
}
