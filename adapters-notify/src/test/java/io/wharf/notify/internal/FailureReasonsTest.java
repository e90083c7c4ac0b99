package io.wharf.notify.internal;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FailureReasonsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final List<String> SENSITIVE = List.of("hmac-s3cr3t", "Bearer t0ken");

    @Test
    void namesTheUsualFailuresPlainly() {
        assertThat(reason(new HttpTimeoutException("request timed out"))).isEqualTo("timed out after 5s");
        assertThat(reason(new HttpConnectTimeoutException("HTTP connect timed out"))).isEqualTo("timed out after 5s connecting");
        assertThat(reason(new ConnectException())).isEqualTo("connection refused");
        assertThat(reason(new IOException(new ConnectException("Connection refused")))).isEqualTo("connection refused");
        assertThat(reason(new ConnectException("No route to host"))).isEqualTo("could not connect: No route to host");
        ConnectException unresolved = new ConnectException();
        unresolved.initCause(new UnresolvedAddressException());
        assertThat(reason(unresolved)).isEqualTo("unknown host");
        assertThat(reason(new SSLHandshakeException("PKIX path building failed"))).isEqualTo("TLS failed: PKIX path building failed");
        assertThat(reason(new IOException("connection reset"))).isEqualTo("IOException: connection reset");
        assertThat(reason(new IOException())).isEqualTo("IOException");
    }

    @Test
    void withholdsAMessageThatQuotesAConfiguredCredential() {
        assertThat(reason(new IOException("header Authorization: Bearer t0ken rejected")))
                .isEqualTo("IOException: " + FailureReasons.WITHHELD);
        assertThat(reason(new SSLHandshakeException("no key hmac-s3cr3t"))).isEqualTo("TLS failed: " + FailureReasons.WITHHELD);
        assertThat(reason(new ConnectException("Bearer t0ken"))).isEqualTo("could not connect: " + FailureReasons.WITHHELD);
    }

    @Test
    void keepsReasonsShort() {
        assertThat(reason(new IOException("x".repeat(1000)))).hasSize(FailureReasons.MAX_LENGTH);
    }

    private static String reason(Throwable error) {
        return FailureReasons.of(error, TIMEOUT, SENSITIVE);
    }
}
