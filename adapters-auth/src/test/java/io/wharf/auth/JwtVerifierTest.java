package io.wharf.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import io.wharf.domain.auth.Identity;
import io.wharf.domain.auth.Scope;
import io.wharf.domain.auth.TokenClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtVerifierTest {
    private static final Instant NOW = Instant.parse("2026-12-07T00:55:00Z");

    @TempDir
    Path work;

    @Test
    void verifiesWhatTheSignerSignsWithAnRsaKeyFile() {
        TestKeys.openssl(work, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.key");

        assertRoundTrip(JwtSigner.fromPemFile(work.resolve("rsa.key"), TestKeys.ISSUER));
    }

    @Test
    void verifiesWhatTheSignerSignsWithAGeneratedEcKey() {
        assertRoundTrip(JwtSigner.generated(TestKeys.ISSUER));
    }

    @Test
    void verifiesWhatTheSignerSignsWithAnEd25519KeyFile() {
        TestKeys.openssl(work, "genpkey", "-algorithm", "ed25519", "-out", "ed.key");

        assertRoundTrip(JwtSigner.fromPemFile(work.resolve("ed.key"), TestKeys.ISSUER));
    }

    @Test
    void verifiesWhatTheSignerSignsWithAnEcP256KeyFile() {
        TestKeys.openssl(work, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.key");

        assertRoundTrip(JwtSigner.fromPemFile(work.resolve("ec.key"), TestKeys.ISSUER));
    }

    @Test
    void findsTheRightKeyAmongSeveralOfDifferentTypes() {
        JwtSigner rsa = JwtSigner.fromPemFile(TestKeys.writePem(work.resolve("rsa.key"), TestKeys.generate("RSA", 2048).getPrivate()),
                TestKeys.ISSUER);
        JwtSigner ec = JwtSigner.generated(TestKeys.ISSUER);
        JwtSigner ed = JwtSigner.fromPemFile(TestKeys.writePem(work.resolve("ed.key"), TestKeys.generate("Ed25519", 0).getPrivate()),
                TestKeys.ISSUER);
        JwtVerifier verifier = verifier(List.of(rsa.publicKey(), ec.publicKey(), ed.publicKey()));

        for (JwtSigner signer : List.of(rsa, ec, ed)) {
            assertThat(verifier.verify(signer.sign(TestKeys.claims(NOW))).subject()).isEqualTo("alice");
        }
    }

    @Test
    void anEmptySubjectIsAnAnonymousToken() {
        JwtSigner signer = JwtSigner.generated(TestKeys.ISSUER);

        TokenClaims claims = verifier(List.of(signer.publicKey())).verify(
                signer.sign(new TokenClaims("", "wharf", "jti-2", NOW, NOW, NOW.plusSeconds(60), List.of())));

        assertThat(claims.identity()).isEqualTo(Identity.ANONYMOUS);
        assertThat(claims.access()).isEmpty();
    }

    @Test
    void readsTokensOfExternalIssuersThatLeaveOptionalClaimsOut() throws Exception {
        KeyPair rsa = TestKeys.generate("RSA", 2048);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(TestKeys.ISSUER)
                .audience(List.of("other-service", "wharf"))
                .expirationTime(Date.from(NOW.plusSeconds(300)))
                .build();
        // A libtrust-style kid, as distribution's token servers write it: it matches no thumbprint.
        String token = TestKeys.sign(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID("PYYO:TEWU:V7JH:26JV:AQTZ:LJC3:SXVJ:XGHA:34F2:2LAQ:ZRMK:Z7Q6").build(), claims, new RSASSASigner(rsa.getPrivate()));

        TokenClaims read = verifier(List.of(rsa.getPublic())).verify(token);

        assertThat(read).isEqualTo(new TokenClaims("", "wharf", "", Instant.EPOCH, Instant.EPOCH, NOW.plusSeconds(300), List.of()));
    }

    @Test
    void anAbsentIssueTimeOrNotBeforeBorrowsTheOther() throws Exception {
        KeyPair rsa = TestKeys.generate("RSA", 2048);
        RSASSASigner signer = new RSASSASigner(rsa.getPrivate());
        JwtVerifier verifier = verifier(List.of(rsa.getPublic()));
        JWSHeader header = new JWSHeader(JWSAlgorithm.RS256);

        TokenClaims onlyIat = verifier.verify(TestKeys.sign(header,
                TestKeys.claimSet(NOW).notBeforeTime(null).build(), signer));
        TokenClaims onlyNbf = verifier.verify(TestKeys.sign(header,
                TestKeys.claimSet(NOW).issueTime(null).build(), signer));

        assertThat(List.of(onlyIat.issuedAt(), onlyIat.notBefore(), onlyNbf.issuedAt(), onlyNbf.notBefore())).containsOnly(NOW);
    }

    @Test
    void skipsMalformedAccessEntriesAndKeepsTheRest() throws Exception {
        KeyPair rsa = TestKeys.generate("RSA", 2048);
        Map<String, Object> nullActions = new LinkedHashMap<>();
        nullActions.put("type", "repository");
        nullActions.put("name", "team/none");
        nullActions.put("actions", null);
        List<Object> access = List.of(
                Map.of("type", "repository", "name", "team/app", "actions", List.of("pull", "push")),
                Map.of("type", "repository", "name", "team/odd", "actions", List.of("pull", 7)),
                Map.of("type", "repository", "actions", List.of("pull")),
                Map.of("type", 1, "name", "team/x", "actions", List.of("pull")),
                Map.of("type", "repository", "name", "team/string", "actions", "pull"),
                "repository:team/text:pull",
                nullActions);
        String token = TestKeys.sign(new JWSHeader(JWSAlgorithm.RS256), TestKeys.claimSet(NOW).claim("access", access).build(),
                new RSASSASigner(rsa.getPrivate()));

        TokenClaims claims = verifier(List.of(rsa.getPublic())).verify(token);

        assertThat(claims.access()).containsExactly(
                new Scope("repository", "team/app", Set.of("pull", "push")),
                new Scope("repository", "team/none", Set.of()));
    }

    @Test
    void anAccessClaimThatIsNotAListGrantsNothing() throws Exception {
        KeyPair rsa = TestKeys.generate("RSA", 2048);
        String token = TestKeys.sign(new JWSHeader(JWSAlgorithm.RS256),
                TestKeys.claimSet(NOW).claim("access", "repository:team/app:pull").build(), new RSASSASigner(rsa.getPrivate()));

        assertThat(verifier(List.of(rsa.getPublic())).verify(token).access()).isEmpty();
    }

    @Test
    void settingsWithoutAnyKeyAreRefused() {
        assertThatThrownBy(() -> new JwtVerifierSettings(TestKeys.ISSUER, "wharf", Duration.ZERO, Optional.empty(), Optional.empty(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no key to verify tokens with");
    }

    @Test
    void settingsAreChecked() {
        List<PublicKey> keys = List.of(JwtSigner.generated(TestKeys.ISSUER).publicKey());
        assertThatThrownBy(() -> new JwtVerifierSettings(" ", "wharf", Duration.ZERO, Optional.empty(), Optional.empty(), keys))
                .hasMessageContaining("issuer");
        assertThatThrownBy(() -> new JwtVerifierSettings(TestKeys.ISSUER, "", Duration.ZERO, Optional.empty(), Optional.empty(), keys))
                .hasMessageContaining("audience");
        assertThatThrownBy(() -> new JwtVerifierSettings(TestKeys.ISSUER, "wharf", Duration.ofSeconds(-1), Optional.empty(), Optional.empty(), keys))
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> new JwtVerifierSettings(TestKeys.ISSUER, "wharf", Duration.ZERO,
                Optional.of(URI.create("file:///etc/jwks.json")), Optional.empty(), List.of()))
                .hasMessageContaining("not an http or https URL");
    }

    @Test
    void aTrustedKeyOfATypeNoAcceptedAlgorithmUsesIsRefused() {
        PublicKey dsa = TestKeys.generate("DSA", 2048).getPublic();

        assertThatThrownBy(() -> verifier(List.of(dsa)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DSA key cannot verify tokens");
    }

    private static void assertRoundTrip(JwtSigner signer) {
        TokenClaims signed = TestKeys.claims(NOW);

        TokenClaims verified = verifier(List.of(signer.publicKey())).verify(signer.sign(signed));

        assertThat(verified).isEqualTo(signed);
        assertThat(verified.identity()).isEqualTo(new Identity.User("alice"));
    }

    private static JwtVerifier verifier(List<PublicKey> trusted) {
        return new JwtVerifier(new JwtVerifierSettings(TestKeys.ISSUER, "wharf", Duration.ofSeconds(30), Optional.empty(),
                Optional.empty(), trusted), Clock.fixed(NOW.plusSeconds(10), ZoneOffset.UTC));
    }
}
