package io.wharf.notify.internal;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The {@value #HEADER} header: {@code sha256=<lower-case hex HMAC-SHA256(secret, body)>}, over the
 * exact body bytes sent. One header over the body only, no timestamp: the body already holds each
 * event's id and timestamp, so a receiver drops replays by id and stale deliveries by age, and
 * verifies with nothing but the shared secret.
 */
public final class Signature {
    public static final String HEADER = "Wharf-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public Signature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The header's value for this body. */
    public String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            // every Java platform has HmacSHA256, and any non-empty key suits it
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "Signature[" + HEADER + ", key redacted]";
    }
}
