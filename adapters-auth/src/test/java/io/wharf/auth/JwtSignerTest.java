package io.wharf.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtSignerTest {
    private static final Instant NOW = Instant.parse("2026-12-07T00:55:00Z");

    @TempDir
    Path work;

    @Test
    void tokensCarryTheDockerTokenSpecHeaderAndClaims() throws Exception {
        JwtSigner signer = JwtSigner.generated(TestKeys.ISSUER);

        SignedJWT jwt = SignedJWT.parse(signer.sign(TestKeys.claims(NOW)));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(
                new ECKey.Builder(Curve.P_256, (ECPublicKey) signer.publicKey()).build().computeThumbprint().toString());
        Map<String, Object> claims = jwt.getPayload().toJSONObject();
        assertThat(claims).containsEntry("iss", TestKeys.ISSUER)
                .containsEntry("sub", "alice")
                .containsEntry("aud", "wharf")
                .containsEntry("jti", "jti-1")
                .containsEntry("iat", NOW.getEpochSecond())
                .containsEntry("nbf", NOW.getEpochSecond())
                .containsEntry("exp", NOW.getEpochSecond() + 300);
        // Actions in Scope's stable order (pull before push), whatever order the set holds them in.
        assertThat(claims.get("access")).isEqualTo(List.of(
                Map.of("type", "repository", "name", "team/app", "actions", List.of("pull", "push")),
                Map.of("type", "registry", "name", "catalog", "actions", List.of("*"))));
    }

    @Test
    void readsAnOpensslRsaKeyAndSignsRs256() throws Exception {
        TestKeys.openssl(work, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.key");

        JwtSigner signer = JwtSigner.fromPemFile(work.resolve("rsa.key"), TestKeys.ISSUER);
        SignedJWT jwt = SignedJWT.parse(signer.sign(TestKeys.claims(NOW)));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID())
                .isEqualTo(new RSAKey.Builder((RSAPublicKey) signer.publicKey()).build().computeThumbprint().toString());
        assertThat(signer.publicKey().getEncoded()).isEqualTo(opensslPublicKey("rsa.key"));
    }

    @Test
    void readsAnOpensslEd25519KeyAndDerivesItsPublicKey() throws Exception {
        TestKeys.openssl(work, "genpkey", "-algorithm", "ed25519", "-out", "ed.key");

        JwtSigner signer = JwtSigner.fromPemFile(work.resolve("ed.key"), TestKeys.ISSUER);

        assertThat(SignedJWT.parse(signer.sign(TestKeys.claims(NOW))).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        assertThat(signer.publicKey().getEncoded()).isEqualTo(opensslPublicKey("ed.key"));
    }

    @Test
    void readsAnOpensslP256KeyWithTheCurvePointItCarries() throws Exception {
        TestKeys.openssl(work, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.key");

        JwtSigner signer = JwtSigner.fromPemFile(work.resolve("ec.key"), TestKeys.ISSUER);

        assertThat(SignedJWT.parse(signer.sign(TestKeys.claims(NOW))).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(signer.publicKey().getEncoded()).isEqualTo(opensslPublicKey("ec.key"));
    }

    @Test
    void refusesTraditionalRsaKeysWithTheConversionCommand() {
        TestKeys.openssl(work, "genrsa", "-traditional", "-out", "rsa.pem", "2048");

        assertRefused("rsa.pem", "traditional RSA key", "openssl pkcs8 -topk8 -nocrypt -in " + work.resolve("rsa.pem"));
    }

    @Test
    void refusesTraditionalEcKeysWithTheConversionCommand() {
        TestKeys.openssl(work, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.pem");

        assertRefused("ec.pem", "traditional EC key", "openssl pkcs8 -topk8 -nocrypt -in " + work.resolve("ec.pem"));
    }

    @Test
    void refusesEncryptedKeys() {
        TestKeys.openssl(work, "genpkey", "-algorithm", "ed25519", "-aes-256-cbc", "-pass", "pass:secret", "-out", "enc.pem");

        assertRefused("enc.pem", "encrypted key", "openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void refusesShortRsaKeys() {
        TestKeys.openssl(work, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "short.key");

        assertRefused("short.key", "1024-bit RSA key", "2048 bits or more");
    }

    @Test
    void refusesEcKeysOnOtherCurvesPointingToRsaOrEd25519() {
        TestKeys.openssl(work, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "p384.key");

        assertRefused("p384.key", "EC key Wharf cannot sign with", "RSA (2048 bits or more) or Ed25519");
    }

    @Test
    void refusesKeyTypesItCannotSignWith() {
        TestKeys.openssl(work, "genpkey", "-algorithm", "ed448", "-out", "ed448.key");

        assertRefused("ed448.key", "not a PKCS#8 key of a type Wharf can sign with");
    }

    @Test
    void refusesFilesWithoutAPrivateKey() throws Exception {
        TestKeys.selfSigned(work, "cert", "ed25519");
        Files.writeString(work.resolve("broken.key"), "-----BEGIN PRIVATE KEY-----\n!!!not base64!!!\n-----END PRIVATE KEY-----\n");
        Files.writeString(work.resolve("junk.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        assertRefused("cert.crt", "holds no PEM private key");
        assertRefused("broken.key", "is not valid PEM");
        assertRefused("junk.key", "not a PKCS#8 key of a type Wharf can sign with");
        assertRefused("missing.key", "does not exist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void refusesABlankIssuer(String issuer) {
        assertThatThrownBy(() -> JwtSigner.generated(issuer)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("issuer");
    }

    private void assertRefused(String file, String... reasons) {
        Path key = work.resolve(file);
        assertThatThrownBy(() -> JwtSigner.fromPemFile(key, TestKeys.ISSUER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key.toString())
                .hasMessageContainingAll(reasons)
                .satisfies(e -> assertThat(pemBody(key)).noneMatch(line -> e.getMessage().contains(line)));
    }

    /** The base64 lines of a PEM file: what a refusal must never repeat. */
    private static List<String> pemBody(Path pem) throws Exception {
        if (!Files.exists(pem)) {
            return List.of();
        }
        return Files.readAllLines(pem).stream().filter(l -> !l.startsWith("-----") && l.length() >= 8 && !l.contains(":")).toList();
    }

    private byte[] opensslPublicKey(String key) throws Exception {
        TestKeys.openssl(work, "pkey", "-in", key, "-pubout", "-outform", "DER", "-out", key + ".pub.der");
        return Files.readAllBytes(work.resolve(key + ".pub.der"));
    }

}
