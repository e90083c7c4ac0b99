package io.wharf.domain.model;

import io.wharf.domain.error.ErrorCode;
import io.wharf.domain.error.RegistryException;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;

/** A content digest {@code algorithm:hex}, strictly validated (known algorithm, exact lower-case hex length). */
public record Digest(DigestAlgorithm algorithm, String hex) implements Comparable<Digest> {

    public Digest {
        Objects.requireNonNull(algorithm);
        if (hex == null || hex.length() != algorithm.hexLength() || !isLowerHex(hex)) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID,
                    "digest hex for " + algorithm.prefix() + " must be " + algorithm.hexLength()
                            + " lower-case hex characters");
        }
    }

    /** Parses {@code sha256:…}; anything else is DIGEST_INVALID with a message saying why. */
    public static Digest parse(String text) {
        if (text == null) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "digest is missing");
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "digest '" + text + "' is not algorithm:hex");
        }
        DigestAlgorithm algorithm = DigestAlgorithm.byPrefix(text.substring(0, colon))
                .orElseThrow(() -> new RegistryException(ErrorCode.DIGEST_INVALID,
                        "digest algorithm '" + text.substring(0, colon) + "' is not supported (sha256, sha512)"));
        return new Digest(algorithm, text.substring(colon + 1));
    }

    public static boolean looksLikeDigest(String text) {
        return text != null && text.indexOf(':') > 0;
    }

    public static Digest of(DigestAlgorithm algorithm, byte[] content) {
        return finish(algorithm, algorithm.newMessageDigest().digest(content));
    }

    public static Digest sha256(byte[] content) {
        return of(DigestAlgorithm.SHA256, content);
    }

    public static Digest finish(DigestAlgorithm algorithm, MessageDigest messageDigest) {
        return finish(algorithm, messageDigest.digest());
    }

    private static Digest finish(DigestAlgorithm algorithm, byte[] hash) {
        return new Digest(algorithm, HexFormat.of().formatHex(hash));
    }

    private static boolean isLowerHex(String hex) {
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(Digest other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return algorithm.prefix() + ":" + hex;
    }
}
