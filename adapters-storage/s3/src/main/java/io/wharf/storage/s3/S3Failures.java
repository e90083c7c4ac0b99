package io.wharf.storage.s3;

import java.io.IOException;
import java.io.InterruptedIOException;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns the SDK's unchecked exceptions into the port's {@link IOException}s. The message says what was
 * attempted where, and what S3 answered, because that is what an operator needs to fix permissions,
 * a wrong endpoint or a missing bucket; credentials never appear in it.
 */
final class S3Failures {
    private S3Failures() {
    }

    static IOException of(String operation, String bucket, String key, SdkException e) {
        String where = "S3 " + operation + " of s3://" + bucket + "/" + key + " failed: ";
        if (e instanceof AbortedException || Thread.currentThread().isInterrupted()) {
            InterruptedIOException interrupted = new InterruptedIOException(where + "interrupted");
            interrupted.initCause(e);
            return interrupted;
        }
        return new IOException(where + describe(e), e);
    }

    static boolean isStatus(SdkException e, int status) {
        return e instanceof AwsServiceException service && service.statusCode() == status;
    }

    /** {@code HTTP 403 SignatureDoesNotMatch: <S3's message> (request id ...)}, or the client-side problem. */
    static String describe(SdkException e) {
        if (!(e instanceof AwsServiceException service)) {
            return e.getMessage();
        }
        StringBuilder text = new StringBuilder("HTTP ").append(service.statusCode());
        AwsErrorDetails details = service.awsErrorDetails();
        if (details != null && details.errorCode() != null) {
            text.append(' ').append(details.errorCode());
        }
        if (details != null && details.errorMessage() != null) {
            text.append(": ").append(details.errorMessage());
        }
        if (service.requestId() != null) {
            text.append(" (request id ").append(service.requestId()).append(')');
        }
        return text.toString();
    }
}
