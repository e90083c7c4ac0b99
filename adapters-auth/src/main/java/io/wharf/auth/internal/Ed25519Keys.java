package io.wharf.auth.internal;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Ed25519 public keys between the JDK's form (X.509 SubjectPublicKeyInfo) and Nimbus's
 * {@link OctetKeyPair}, which its Ed25519 verifier needs. The JDK has no public accessor for the raw
 * key, but the SubjectPublicKeyInfo of an Ed25519 key (RFC 8410) is always the same 12 bytes followed
 * by the 32 raw ones, so no ASN.1 parsing is needed.
 */
public final class Ed25519Keys {
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final int RAW_LENGTH = 32;

    private Ed25519Keys() {
    }

    /** The key as a public OKP JWK, or empty when it is not an Ed25519 key. */
    public static Optional<OctetKeyPair> toJwk(PublicKey key) {
        byte[] der = key.getEncoded();
        if (der == null || der.length != X509_PREFIX.length + RAW_LENGTH
                || !Arrays.equals(der, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            return Optional.empty();
        }
        byte[] raw = Arrays.copyOfRange(der, X509_PREFIX.length, der.length);
        return Optional.of(new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(raw)).build());
    }

    /** The JDK public key for 32 raw Ed25519 public key bytes. */
    public static PublicKey toPublicKey(byte[] raw) throws GeneralSecurityException {
        if (raw.length != RAW_LENGTH) {
            throw new GeneralSecurityException("an Ed25519 public key has 32 bytes");
        }
        byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + RAW_LENGTH);
        System.arraycopy(raw, 0, der, X509_PREFIX.length, RAW_LENGTH);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }
}
