package io.wharf.auth.internal;

import com.google.crypto.tink.subtle.Ed25519Sign;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Reads the built-in issuer's key from an unencrypted PKCS#8 PEM file ({@code BEGIN PRIVATE KEY}):
 * RSA of 2048 bits or more (RS256), Ed25519 (EdDSA), or EC P-256 (ES256). Every refusal names the file
 * and says what to do, and never holds key material.
 */
public final class PrivateKeyFile {
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";
    private static final int MIN_RSA_BITS = 2048;
    private static final String ADVICE = "use RSA (2048 bits or more), Ed25519 or EC P-256";

    /*
     * The JDK cannot give the public key of an EC private key, and deriving it is curve arithmetic. openssl
     * writes a P-256 key as PKCS#8 with the public point inside (RFC 5915), always in this layout: a fixed
     * header, the 32-byte private scalar, a fixed marker, and the uncompressed point's 64 bytes. Reading the
     * point from there needs no ASN.1 parser; SigningKey.of then proves it belongs to the private key.
     */
    private static final byte[] P256_HEADER = HexFormat.of().parseHex(
            "308187020100301306072a8648ce3d020106082a8648ce3d030107046d306b0201010420");
    private static final byte[] P256_POINT_MARKER = HexFormat.of().parseHex("a14403420004");
    private static final int P256_SCALAR = 32;
    private static final int P256_COORDINATE = 32;
    private static final int P256_LENGTH = P256_HEADER.length + P256_SCALAR + P256_POINT_MARKER.length + 2 * P256_COORDINATE;

    private PrivateKeyFile() {
    }

    /** The key in {@code file}; IllegalArgumentException naming the file when it cannot be used. */
    public static SigningKey read(Path file) {
        byte[] der = pkcs8(file, text(file));
        try {
            return signingKey(file, der);
        } catch (GeneralSecurityException | JOSEException e) {
            // The messages of key parsing and checking are not repeated: some name parts of the key.
            throw new IllegalArgumentException("the token signing key " + file + " is damaged or not a key Wharf can sign with; " + ADVICE);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    private static String text(Path file) {
        try {
            // ISO-8859-1 reads any bytes: a binary file is then refused for holding no PEM block.
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the token signing key " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the token signing key " + file + ": " + e.getMessage());
        }
    }

    private static byte[] pkcs8(Path file, String text) {
        for (String kind : List.of("RSA", "EC", "ENCRYPTED")) {
            if (text.contains("-----BEGIN " + kind + " PRIVATE KEY-----")) {
                String what = kind.equals("ENCRYPTED") ? "an encrypted key" : "a traditional " + kind + " key (BEGIN " + kind + " PRIVATE KEY)";
                throw new IllegalArgumentException("the token signing key " + file + " holds " + what
                        + "; Wharf reads unencrypted PKCS#8 (BEGIN PRIVATE KEY). Convert it with: openssl pkcs8 -topk8 -nocrypt -in "
                        + file + " -out NEW_FILE");
            }
        }
        int begin = text.indexOf(BEGIN);
        int end = begin < 0 ? -1 : text.indexOf(END, begin);
        if (begin < 0 || end < 0) {
            throw new IllegalArgumentException("the token signing key " + file + " holds no PEM private key (" + BEGIN
                    + " … " + END + ")");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the token signing key " + file + " is not valid PEM: its base64 is broken");
        }
    }

    private static SigningKey signingKey(Path file, byte[] der) throws GeneralSecurityException, JOSEException {
        if (isOpensslP256(der)) {
            return p256(der);
        }
        Optional<PrivateKey> rsa = decode("RSA", der);
        if (rsa.isPresent()) {
            return rsa(file, rsa.get());
        }
        Optional<PrivateKey> ed25519 = decode("Ed25519", der);
        if (ed25519.isPresent()) {
            return ed25519(file, (EdECPrivateKey) ed25519.get());
        }
        if (decode("EC", der).isPresent()) {
            throw new IllegalArgumentException("the token signing key " + file + " is an EC key Wharf cannot sign with: only"
                    + " P-256 keys as openssl writes them (with their public key) are read; otherwise use RSA (2048 bits"
                    + " or more) or Ed25519");
        }
        throw new IllegalArgumentException("the token signing key " + file + " is not a PKCS#8 key of a type Wharf can sign with; " + ADVICE);
    }

    private static Optional<PrivateKey> decode(String algorithm, byte[] der) throws GeneralSecurityException {
        try {
            return Optional.of(KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (InvalidKeySpecException e) {
            return Optional.empty();
        }
    }

    private static SigningKey rsa(Path file, PrivateKey key) throws GeneralSecurityException {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalArgumentException("the token signing key " + file + " is an RSA key without its public exponent; "
                    + "write it again with openssl pkcs8 -topk8 -nocrypt");
        }
        int bits = crt.getModulus().bitLength();
        if (bits < MIN_RSA_BITS) {
            throw new IllegalArgumentException("the token signing key " + file + " is a " + bits
                    + "-bit RSA key; tokens need " + MIN_RSA_BITS + " bits or more");
        }
        var publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        return SigningKey.of(JWSAlgorithm.RS256, new RSASSASigner(crt), publicKey);
    }

    private static SigningKey ed25519(Path file, EdECPrivateKey key) throws GeneralSecurityException, JOSEException {
        byte[] seed = key.getBytes().orElseThrow(() -> new IllegalArgumentException(
                "the token signing key " + file + " is an Ed25519 key without its private bytes"));
        try {
            byte[] publicBytes = Ed25519Sign.KeyPair.newKeyPairFromSeed(seed).getPublicKey();
            OctetKeyPair pair = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(publicBytes))
                    .d(Base64URL.encode(seed))
                    .build();
            return SigningKey.of(JWSAlgorithm.EdDSA, new Ed25519Signer(pair), Ed25519Keys.toPublicKey(publicBytes));
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    private static boolean isOpensslP256(byte[] der) {
        int marker = P256_HEADER.length + P256_SCALAR;
        return der.length == P256_LENGTH
                && Arrays.equals(der, 0, P256_HEADER.length, P256_HEADER, 0, P256_HEADER.length)
                && Arrays.equals(der, marker, marker + P256_POINT_MARKER.length, P256_POINT_MARKER, 0, P256_POINT_MARKER.length);
    }

    private static SigningKey p256(byte[] der) throws GeneralSecurityException, JOSEException {
        KeyFactory factory = KeyFactory.getInstance("EC");
        ECPrivateKey key = (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(der));
        int x = P256_HEADER.length + P256_SCALAR + P256_POINT_MARKER.length;
        int y = x + P256_COORDINATE;
        ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOfRange(der, x, y)),
                new BigInteger(1, Arrays.copyOfRange(der, y, y + P256_COORDINATE)));
        var publicKey = factory.generatePublic(new ECPublicKeySpec(point, key.getParams()));
        return SigningKey.of(JWSAlgorithm.ES256, new ECDSASigner(key), publicKey);
    }
}
