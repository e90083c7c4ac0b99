package io.wharf.application.service.health;

import java.util.regex.Pattern;

/**
 * A failed check's exception as one line for an HTTP body anyone who reaches the port may read: its
 * message and its root cause's (which usually says what really happened: "Connection refused"), no stack
 * trace, and secrets a driver may have put in a message (a password in a JDBC URL, an Azure account key,
 * a signed URL's signature) replaced by {@code ***}.
 */
final class FailureMessage {
    static final int MAX_LENGTH = 500;

    /** {@code scheme://user:password@host}: the user information of a URL. */
    private static final Pattern URL_USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");
    /** {@code password=…}, {@code AccountKey=…}, {@code sig=…}, {@code X-Amz-Security-Token=…} and the like. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)\\b([\\w.-]*(?:password|passwd|pwd|secret|accountkey|sig|signature|token|credential))=[^&;,\\s\"']+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private FailureMessage() {
    }

    static String of(Throwable failure) {
        String message = describe(failure);
        Throwable root = rootCause(failure);
        String rootMessage = root == failure ? null : root.getMessage();
        if (rootMessage != null && !rootMessage.isBlank() && !message.contains(rootMessage)) {
            message = message + "; cause: " + rootMessage;
        }
        return clean(message);
    }

    /** One line, secrets masked, at most {@value #MAX_LENGTH} characters. */
    static String clean(String message) {
        String line = WHITESPACE.matcher(message).replaceAll(" ").trim();
        line = URL_USER_INFO.matcher(line).replaceAll("***@");
        line = SECRET_PARAMETER.matcher(line).replaceAll("$1=***");
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 1) + "…";
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
            root = root.getCause();
        }
        return root;
    }
}
