package io.wharf.notify.internal;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Short, stable reasons for a failed delivery ("connection refused", "timed out after 5s"), for the
 * dead-letter record and the logs. An exception's message is kept where it helps (TLS, unusual I/O
 * errors) unless it quotes a configured credential (the secret, a header value): then it is withheld
 * whole, as no blanking of a short value could be trusted to leave the rest readable.
 */
public final class FailureReasons {
    static final int MAX_LENGTH = 300;
    static final String WITHHELD = "message withheld: it quotes a configured credential";

    private FailureReasons() {
    }

    public static String timedOut(Duration timeout) {
        return "timed out after " + Durations.format(timeout);
    }

    /** Why the exchange failed; {@code sensitive} are the values that must not show. */
    public static String of(Throwable error, Duration timeout, List<String> sensitive) {
        if (error instanceof HttpConnectTimeoutException) {
            return timedOut(timeout) + " connecting";
        }
        if (error instanceof HttpTimeoutException) {
            return timedOut(timeout);
        }
        if (causedBy(error, UnresolvedAddressException.class) || causedBy(error, UnknownHostException.class)) {
            return "unknown host";
        }
        String message = firstMessage(error);
        String shown = message == null ? null : quotesAny(message, sensitive) ? WITHHELD : message;
        if (causedBy(error, ConnectException.class)) {
            return message == null || message.toLowerCase(Locale.ROOT).contains("refused")
                    ? "connection refused"
                    : shorten("could not connect: " + shown);
        }
        String what = causedBy(error, SSLException.class) ? "TLS failed" : error.getClass().getSimpleName();
        return shorten(shown == null ? what : what + ": " + shown);
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String firstMessage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return null;
    }

    private static boolean quotesAny(String message, List<String> sensitive) {
        return sensitive.stream().anyMatch(value -> !value.isEmpty() && message.contains(value));
    }

    static String shorten(String reason) {
        return reason.length() <= MAX_LENGTH ? reason : reason.substring(0, MAX_LENGTH - 1) + "…";
    }
}
