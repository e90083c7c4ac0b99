package io.wharf.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.wharf.domain.auth.Scope;
import io.wharf.domain.auth.TokenClaims;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Keys, certificates and tokens for the tests: made by openssl and the JDK, signed with Nimbus. */
final class TestKeys {
    static final String ISSUER = "https://auth.example.test";
    static final String AUDIENCE = "wharf";
    static final List<Scope> ACCESS = List.of(
            new Scope(Scope.REPOSITORY, "team/app", Set.of("push", "pull")),
            Scope.WHOLE_CATALOG);

    private TestKeys() {
    }

    /** Runs {@code openssl ARGS} in {@code work}; fails the test when it fails. */
    static void openssl(Path work, String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("openssl.log").toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("openssl timed out: " + command);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("openssl failed: " + command + "\n" + Files.readString(work.resolve("openssl.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A self-signed certificate {@code name}.crt and its PKCS#8 key {@code name}.key; {@code keySpec} as for {@code -newkey}. */
    static void selfSigned(Path work, String name, String... keySpec) {
        List<String> args = new ArrayList<>(List.of("req", "-x509", "-newkey"));
        args.addAll(List.of(keySpec));
        args.addAll(List.of("-nodes", "-days", "2", "-subj", "/CN=" + name, "-keyout", name + ".key", "-out", name + ".crt"));
        openssl(work, args.toArray(String[]::new));
    }

    /** A P-256 certificate {@code name}.crt for {@code name}.key, signed by {@code ca}.crt/{@code ca}.key. */
    static void issued(Path work, String name, String ca) {
        openssl(work, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=" + name,
                "-keyout", name + ".key", "-out", name + ".csr");
        openssl(work, "x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key", "-set_serial", "2",
                "-days", "1", "-out", name + ".crt");
    }

    static X509Certificate certificate(Path pem) {
        try (var in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** The private key of a PKCS#8 PEM file; {@code algorithm} as the JDK names it (RSA, EC, Ed25519). */
    static PrivateKey privateKey(Path pem, String algorithm) {
        try {
            String text = Files.readString(pem, StandardCharsets.US_ASCII);
            String body = text.substring(text.indexOf("-----BEGIN PRIVATE KEY-----") + 27, text.indexOf("-----END PRIVATE KEY-----"));
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(body)));
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** Writes {@code key} as an unencrypted PKCS#8 PEM file, as {@code openssl pkcs8 -topk8 -nocrypt} does. */
    static Path writePem(Path file, PrivateKey key) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        try {
            return Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Claims as the built-in issuer would sign them, valid from {@code now} for five minutes. */
    static TokenClaims claims(Instant now) {
        return new TokenClaims("alice", AUDIENCE, "jti-1", now, now, now.plusSeconds(300), ACCESS);
    }

    /** Standard claims valid from {@code now} for five minutes, to change before signing by hand. */
    static JWTClaimsSet.Builder claimSet(Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("alice")
                .audience(AUDIENCE)
                .issueTime(java.util.Date.from(now))
                .notBeforeTime(java.util.Date.from(now))
                .expirationTime(java.util.Date.from(now.plusSeconds(300)))
                .jwtID("jti-1");
    }

    /** A token signed by hand, as an external issuer would. */
    static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
        return jwt.serialize();
    }
}
