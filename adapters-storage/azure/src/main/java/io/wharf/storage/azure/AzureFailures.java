package io.wharf.storage.azure;

import com.azure.storage.blob.models.BlobStorageException;

import java.io.IOException;

/**
 * Turns SDK exceptions (all unchecked) into the {@link IOException}s the port promises. A message names
 * the operation, container, blob, HTTP status and Azure error code, which is what an operator needs to
 * tell a missing container from a refused key; it is built from those parts only, so no credential can
 * leak into it. The SDK exception stays attached as the cause.
 */
final class AzureFailures {
    static final int NOT_FOUND = 404;
    static final int PRECONDITION_FAILED = 412;
    static final int RANGE_NOT_SATISFIABLE = 416;

    private AzureFailures() {
    }

    /** {@code blob} may be null for operations on the container. */
    static IOException io(String operation, String container, String blob, RuntimeException e) {
        StringBuilder message = new StringBuilder("Azure ").append(operation)
                .append(" failed (container '").append(container).append('\'');
        if (blob != null) {
            message.append(", blob '").append(blob).append('\'');
        }
        message.append("): ");
        if (e instanceof BlobStorageException failure) {
            message.append("HTTP ").append(failure.getStatusCode()).append(' ')
                    .append(failure.getErrorCode() == null ? "(no error code)" : failure.getErrorCode().toString());
            String serviceMessage = firstLine(failure.getServiceMessage());
            if (!serviceMessage.isEmpty()) {
                message.append(" - ").append(serviceMessage);
            }
        } else {
            Throwable root = rootCause(e);
            message.append(root.getClass().getSimpleName());
            if (root.getMessage() != null) {
                message.append(": ").append(firstLine(root.getMessage()));
            }
        }
        return new IOException(message.toString(), e);
    }

    static boolean hasStatus(RuntimeException e, int status) {
        return e instanceof BlobStorageException failure && failure.getStatusCode() == status;
    }

    /** The service's message without the request id and time lines it appends. */
    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
