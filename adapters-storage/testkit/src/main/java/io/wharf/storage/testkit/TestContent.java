package io.wharf.storage.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Deterministic test bytes and SHA-256 helpers, so failures are reproducible and big data is compared cheaply. */
public final class TestContent {
    private TestContent() {
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code length} pseudo-random bytes that depend only on {@code seed}. */
    public static byte[] random(long seed, int length) {
        byte[] bytes = new byte[length];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String sha256Hex(byte[] bytes) {
        MessageDigest digest = sha256();
        digest.update(bytes);
        return hex(digest);
    }

    /** Reads {@code in} to the end in 1 MiB chunks (as the HTTP layer does) and returns the SHA-256 and length. */
    public static Summary summarize(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 20];
        long total = 0;
        try (in) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                digest.update(buffer, 0, n);
                total += n;
            }
        }
        return new Summary(hex(digest), total);
    }

    /** The digest and size of some bytes, compared as one value so a mismatch shows both. */
    public record Summary(String sha256, long size) {
        public static Summary of(byte[] bytes, int offset) {
            MessageDigest digest = TestContent.sha256(); // qualified: the component sha256 hides it
            digest.update(bytes, offset, bytes.length - offset);
            return new Summary(hex(digest), bytes.length - offset);
        }
    }
}
