package io.wharf.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import io.wharf.domain.port.InvalidTokenException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** distribution's {@code rootcertbundle}: certificates made by openssl, tokens signed with their keys or by a CA's leaf in x5c. */
class CertificateBundleTest {
    // What distribution-style token servers put in kid: derived from the key in a way not worth matching.
    private static final String LIBTRUST_KID = "PYYO:TEWU:V7JH:26JV:AQTZ:LJC3:SXVJ:XGHA:34F2:2LAQ:ZRMK:Z7Q6";

    @TempDir
    static Path work;
    static Path bundle;

    @BeforeAll
    static void certificates() throws Exception {
        TestKeys.selfSigned(work, "rsa", "rsa:2048");
        TestKeys.selfSigned(work, "ec", "ec", "-pkeyopt", "ec_paramgen_curve:P-256");
        TestKeys.selfSigned(work, "ed", "ed25519");
        TestKeys.selfSigned(work, "ca", "ec", "-pkeyopt", "ec_paramgen_curve:P-256");
        TestKeys.issued(work, "leaf", "ca");
        TestKeys.selfSigned(work, "rogue-ca", "ec", "-pkeyopt", "ec_paramgen_curve:P-256");
        TestKeys.issued(work, "rogue-leaf", "rogue-ca");
        TestKeys.selfSigned(work, "self", "ec", "-pkeyopt", "ec_paramgen_curve:P-256");
        bundle = work.resolve("bundle.pem");
        // As bundles often are: a comment before each certificate.
        StringBuilder pem = new StringBuilder();
        for (String name : List.of("rsa", "ec", "ed", "ca")) {
            pem.append("# ").append(name).append('\n').append(Files.readString(work.resolve(name + ".crt")));
        }
        Files.writeString(bundle, pem);
    }

    @Test
    void verifiesTokensOfTheBuiltInSignerWithTheKeysOfBundleCertificates() {
        JwtVerifier verifier = verifier(Optional.of(bundle));

        for (String name : List.of("rsa", "ec", "ed")) {
            JwtSigner signer = JwtSigner.fromPemFile(work.resolve(name + ".key"), TestKeys.ISSUER);
            assertThat(verifier.verify(signer.sign(TestKeys.claims(now()))).subject()).as(name).isEqualTo("alice");
        }
    }

    @Test
    void triesEveryBundleKeyOfTheRightTypeWhenTheKidMatchesNone() throws Exception {
        JwtVerifier verifier = verifier(Optional.of(bundle));

        assertThat(verifier.verify(token(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID(LIBTRUST_KID).build(),
                new RSASSASigner(key("rsa", "RSA")))).subject()).isEqualTo("alice");
        assertThat(verifier.verify(token(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(LIBTRUST_KID).build(),
                new ECDSASigner((ECPrivateKey) key("ec", "EC")))).subject()).isEqualTo("alice");
        assertThat(verifier.verify(token(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(LIBTRUST_KID).build(),
                ed25519Signer("ed"))).subject()).isEqualTo("alice");
    }

    @Test
    void acceptsAnX5cChainRootedInTheBundle() throws Exception {
        JwtVerifier verifier = verifier(Optional.of(bundle));
        JWSSigner leafKey = new ECDSASigner((ECPrivateKey) key("leaf", "EC"));

        assertThat(verifier.verify(token(x5c("leaf"), leafKey)).subject()).isEqualTo("alice");
        assertThat(verifier.verify(token(x5c("leaf", "ca"), leafKey)).subject()).isEqualTo("alice");
    }

    @Test
    void refusesAnX5cChainNotRootedInTheBundle() throws Exception {
        JwtVerifier verifier = verifier(Optional.of(bundle));

        assertRefused(verifier, token(x5c("rogue-leaf", "rogue-ca"), new ECDSASigner((ECPrivateKey) key("rogue-leaf", "EC"))),
                "the token's x5c certificate chain does not lead to a trusted certificate");
        assertRefused(verifier, token(x5c("self"), new ECDSASigner((ECPrivateKey) key("self", "EC"))),
                "the token's x5c certificate chain does not lead to a trusted certificate");
    }

    @Test
    void refusesAnX5cChainWhoseLeafHasExpired() throws Exception {
        Instant later = now().plus(Duration.ofDays(3));
        JwtVerifier verifier = new JwtVerifier(settings(Optional.of(bundle)), Clock.fixed(later, ZoneOffset.UTC));

        assertRefused(verifier, TestKeys.sign(x5c("leaf"), TestKeys.claimSet(later).build(),
                        new ECDSASigner((ECPrivateKey) key("leaf", "EC"))),
                "the token's x5c certificate chain does not lead to a trusted certificate");
    }

    @Test
    void refusesATokenNotSignedByItsX5cLeaf() throws Exception {
        assertRefused(verifier(Optional.of(bundle)), token(x5c("leaf", "ca"), new ECDSASigner((ECPrivateKey) key("ec", "EC"))),
                "the signature does not verify with the x5c certificate's key");
    }

    @Test
    void refusesAnX5cLeafWhoseKeyDoesNotFitTheAlgorithm() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).x509CertChain(x5c("leaf").getX509CertChain()).build();

        assertRefused(verifier(Optional.of(bundle)), token(header, new RSASSASigner(key("rsa", "RSA"))),
                "the x5c certificate's key does not fit the token's algorithm RS256");
    }

    @Test
    void refusesAnX5cChainThatIsNotACertificate() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).x509CertChain(List.of(Base64.encode("not a certificate"))).build();

        assertRefused(verifier(Optional.of(bundle)), token(header, new ECDSASigner((ECPrivateKey) key("ec", "EC"))),
                "the token's x5c certificate chain does not lead to a trusted certificate");
    }

    @Test
    void refusesX5cWithoutABundle() throws Exception {
        JwtSigner builtIn = JwtSigner.generated(TestKeys.ISSUER);
        JwtVerifier verifier = new JwtVerifier(new JwtVerifierSettings(TestKeys.ISSUER, "wharf", Duration.ofSeconds(30),
                Optional.empty(), Optional.empty(), List.of(builtIn.publicKey())));

        assertRefused(verifier, token(x5c("leaf", "ca"), new ECDSASigner((ECPrivateKey) key("leaf", "EC"))),
                "the token carries an x5c certificate chain, but no root certificate bundle is configured");
    }

    @Test
    void aBundleThatCannotBeReadIsRefusedNamingTheFile() throws Exception {
        Path missing = work.resolve("missing.pem");
        Path empty = Files.writeString(work.resolve("empty.pem"), "");
        Path noCertificate = Files.writeString(work.resolve("text.pem"), "# only a comment\n");
        Path key = work.resolve("rsa.key");
        Path broken = Files.writeString(work.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> verifier(Optional.of(missing))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the root certificate bundle " + missing + " does not exist");
        assertThatThrownBy(() -> verifier(Optional.of(empty))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the root certificate bundle " + empty + " holds no certificate");
        assertThatThrownBy(() -> verifier(Optional.of(noCertificate))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the root certificate bundle " + noCertificate + " holds no certificate");
        assertThatThrownBy(() -> verifier(Optional.of(key))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the root certificate bundle " + key + " holds no certificate");
        assertThatThrownBy(() -> verifier(Optional.of(broken))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the root certificate bundle " + broken + " holds a certificate that cannot be read");
    }

    private static void assertRefused(JwtVerifier verifier, String token, String reason) {
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidTokenException.class).hasMessage(reason);
    }

    private static JwtVerifier verifier(Optional<Path> bundle) {
        return new JwtVerifier(settings(bundle));
    }

    private static JwtVerifierSettings settings(Optional<Path> bundle) {
        return new JwtVerifierSettings(TestKeys.ISSUER, "wharf", Duration.ofSeconds(30), Optional.empty(), bundle, List.of());
    }

    private static JWSHeader x5c(String... certificates) throws Exception {
        List<Base64> chain = new java.util.ArrayList<>();
        for (String name : certificates) {
            chain.add(Base64.encode(TestKeys.certificate(work.resolve(name + ".crt")).getEncoded()));
        }
        return new JWSHeader.Builder(JWSAlgorithm.ES256).x509CertChain(chain).build();
    }

    private static String token(JWSHeader header, JWSSigner signer) {
        return TestKeys.sign(header, TestKeys.claimSet(now()).build(), signer);
    }

    private static PrivateKey key(String name, String algorithm) {
        return TestKeys.privateKey(work.resolve(name + ".key"), algorithm);
    }

    /** Nimbus signs Ed25519 with an OKP JWK; the JDK key gives the seed, the certificate the public half. */
    private static JWSSigner ed25519Signer(String name) throws JOSEException {
        byte[] seed = ((EdECPrivateKey) key(name, "Ed25519")).getBytes().orElseThrow();
        byte[] spki = TestKeys.certificate(work.resolve(name + ".crt")).getPublicKey().getEncoded();
        byte[] x = java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        return new Ed25519Signer(new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).d(Base64URL.encode(seed)).build());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
