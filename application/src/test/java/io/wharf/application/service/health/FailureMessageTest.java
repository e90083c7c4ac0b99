package io.wharf.application.service.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class FailureMessageTest {

    @Test
    void messageAndRootCauseOnOneLine() {
        Exception failure = new IllegalStateException("metadata catalog: ping failed\n\tsomething",
                new RuntimeException("wrapper", new IOException("Connection to 127.0.0.1:5432 refused.")));

        assertEquals("metadata catalog: ping failed something; cause: Connection to 127.0.0.1:5432 refused.",
                FailureMessage.of(failure));
    }

    @Test
    void aRootCauseAlreadyInTheMessageIsNotRepeated() {
        Exception failure = new IOException("list failed: Connection refused", new IOException("Connection refused"));

        assertEquals("list failed: Connection refused", FailureMessage.of(failure));
    }

    @Test
    void anExceptionWithoutMessageIsNamedByItsType() {
        assertEquals("NullPointerException", FailureMessage.of(new NullPointerException()));
    }

    @Test
    void passwordsKeysAndSignaturesAreMasked() {
        String masked = FailureMessage.clean("cannot connect to jdbc:postgresql://db:5432/wharf?user=wharf&password=hunter2"
                + " or postgresql://wharf:hunter3@db/wharf; DefaultEndpointsProtocol=https;AccountName=acct;"
                + "AccountKey=c2VjcmV0a2V5==;EndpointSuffix=core.windows.net; GET https://acct.blob.core.windows.net/c/b"
                + "?sv=2024&sig=abc%2Bdef&se=2026 X-Amz-Signature=0123abcd X-Amz-Security-Token=tok pwd=x");

        for (String secret : new String[] {"hunter2", "hunter3", "c2VjcmV0a2V5", "abc%2Bdef", "0123abcd", "tok ", "pwd=x"}) {
            assertFalse(masked.contains(secret), secret + " is still in: " + masked);
        }
        assertTrue(masked.contains("user=wharf&password=***"), masked);
        assertTrue(masked.contains("postgresql://***@db/wharf"), masked);
        assertTrue(masked.contains("AccountName=acct;AccountKey=***;EndpointSuffix"), masked);
    }

    @Test
    void longMessagesAreCut() {
        String cut = FailureMessage.clean("x".repeat(10_000));

        assertEquals(FailureMessage.MAX_LENGTH, cut.length());
        assertTrue(cut.endsWith("…"));
    }
}
