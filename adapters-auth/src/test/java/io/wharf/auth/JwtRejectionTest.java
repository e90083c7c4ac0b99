package io.wharf.auth;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import io.wharf.domain.port.InvalidTokenException;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every way a token can fall short, each refused for its own reason. The signature cases run against an
 * RSA key the verifier trusts, with tokens signed as the built-in issuer does ({@code kid} = thumbprint).
 */
class JwtRejectionTest {
    private static final Instant NOW = Instant.parse("2026-12-07T00:55:00Z");
    private static final Instant EXPIRY = NOW.plusSeconds(300);
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final Instant LATER = NOW.plusSeconds(60);

    private static final KeyPair RSA = TestKeys.generate("RSA", 2048);
    private static final JwtSigner SIGNER = signer();
    private static final String GOOD = SIGNER.sign(TestKeys.claims(NOW));
    private static final JWSHeader HEADER = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid(GOOD)).build();

    record Case(String token, Instant at, String reason) {
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                named("expired, one second past the skew", GOOD, EXPIRY.plus(SKEW), "the token expired at 2026-12-07T01:00:00Z"),
                named("not yet valid, one second before the skew", GOOD, NOW.minus(SKEW).minusSeconds(1),
                        "the token is not valid before 2026-12-07T00:55:00Z"),
                named("wrong audience", signed(TestKeys.claimSet(NOW).audience("other").build()), LATER,
                        "the token's audience is not wharf"),
                named("wrong issuer", signed(TestKeys.claimSet(NOW).issuer("https://evil.test").build()), LATER,
                        "the token's issuer is not https://auth.example.test"),
                named("missing exp", signed(TestKeys.claimSet(NOW).expirationTime(null).build()), LATER,
                        "the token has no expiry time (exp)"),
                named("tampered payload (sub changed, signature kept)", tamperedPayload(), LATER,
                        "the signature does not verify with the key the token's key id names"),
                named("tampered signature", tamperedSignature(), LATER,
                        "the signature does not verify with the key the token's key id names"),
                named("alg none (unsecured JWT, hand-built)", unsecured(), LATER, "unsigned tokens (alg none) are refused"),
                named("HS256 with the RSA public key as the secret", hmacWithPublicKey(), LATER,
                        "HMAC-signed tokens (HS256) are refused: only public-key signatures are accepted"),
                named("signed by an unknown key", unknownRsaKey(), LATER,
                        "the signature does not verify with any trusted key"),
                named("an algorithm no trusted key fits", es384(), LATER, "no trusted key fits the token's algorithm ES384"),
                named("an algorithm not accepted", withHeader("{\"alg\":\"ES256K\"}"), LATER,
                        "the token's algorithm ES256K is not accepted (only RS*, PS*, ES256/384/512 and EdDSA)"),
                named("an algorithm nobody knows", withHeader("{\"alg\":\"<script>\"}"), LATER,
                        "the token's algorithm is not supported (only RS*, PS*, ES256/384/512 and EdDSA)"),
                named("encrypted (JWE)", encrypted(), LATER,
                        "encrypted tokens (JWE) are refused: a registry token is signed, not encrypted"),
                named("claims that are not JSON, validly signed", signedPayload("not json"), LATER,
                        "malformed token: its claims are unreadable"),
                named("garbage", "garbage", LATER, "malformed token: not a compact JWS of three base64url parts"),
                named("an unreadable header", "bm90IGpzb24." + GOOD.split("\\.")[1] + ".c2ln", LATER,
                        "malformed token: its header is unreadable"),
                named("too long", "a".repeat(64 * 1024 + 1), LATER, "malformed token: longer than 65536 characters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refuses(Case c) {
        assertThatThrownBy(() -> verifier(c.at()).verify(c.token()))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage(c.reason())
                .satisfies(e -> assertThat(Arrays.stream(c.token().split("\\.")).filter(part -> part.length() > 8))
                        .noneMatch(part -> e.getMessage().contains(part)));
    }

    @Test
    void eachCaseHasItsOwnReasonButTheTwoTamperings() {
        // A changed payload and a changed signature are the same fact to a verifier: the signature does not
        // match the content. Every other case is told apart.
        List<String> reasons = cases().map(a -> ((Case) ((Named<?>) a.get()[0]).getPayload()).reason()).toList();

        assertThat(reasons.stream().distinct().count()).isEqualTo(reasons.size() - 1);
    }

    @ParameterizedTest(name = "at {0}")
    @MethodSource("edges")
    void acceptsTokensInsideTheClockSkew(Instant at) {
        assertThat(verifier(at).verify(GOOD).subject()).isEqualTo("alice");
    }

    static Stream<Instant> edges() {
        // valid while now < exp + skew, and from nbf - skew on
        return Stream.of(EXPIRY.plus(SKEW).minusSeconds(1), NOW.minus(SKEW), EXPIRY, NOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a", "a.b", "a.b.c", "...", "a.b.c.d", "a.b.c.d.e", "eyJhbGciOiJSUzI1NiJ9",
            "eyJhbGciOiJSUzI1NiJ9..", "eyJhbGciOiJSUzI1NiJ9.%%%.c2ln", "Bearer abc", "\u0000\u0001.\u0002.\u0003"})
    void refusesGarbageAsMalformed(String garbage) {
        assertThatThrownBy(() -> verifier(LATER).verify(garbage))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageStartingWith("malformed token");
    }

    @Test
    void refusesAlgNoneEvenWithASignaturePart() {
        assertThatThrownBy(() -> verifier(LATER).verify(unsecured() + GOOD.split("\\.")[2]))
                .hasMessage("unsigned tokens (alg none) are refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"alg\":5}", "{\"alg\":\"RS256\",\"kid\":5}", "{\"alg\":\"RS256\",\"x5c\":\"abc\"}",
            "{\"alg\":\"RS256\",\"x5c\":[5]}", "{\"alg\":\"RS256\",\"crit\":[\"exp\"],\"exp\":1}",
            "{\"alg\":\"RS256\",\"jwk\":\"x\"}", "{\"alg\":\"RS256\",\"b64\":false,\"crit\":[\"b64\"]}", "[1]", "null",
            "{\"alg\":\"RS256\",\"typ\":{}}", "{\"alg\":\"RS256\"", "{\"alg\":\"RS256\",\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"})
    void refusesOddHeadersWithoutFailingOtherwise(String header) {
        assertThatThrownBy(() -> verifier(LATER).verify(withHeader(header))).isInstanceOf(InvalidTokenException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "null", "\"text\"", "{\"iss\":[\"https://auth.example.test\"]}", "{\"exp\":\"tomorrow\"}",
            "{\"iss\":\"https://auth.example.test\",\"aud\":5,\"exp\":9999999999}",
            "{\"iss\":\"https://auth.example.test\",\"aud\":[\"wharf\",5],\"exp\":9999999999}",
            "{\"iss\":\"https://auth.example.test\",\"aud\":\"wharf\",\"exp\":1e300}",
            "{\"iss\":\"https://auth.example.test\",\"aud\":\"wharf\",\"exp\":9999999999,\"nbf\":\"x\"}",
            "{\"iss\":\"https://auth.example.test\",\"aud\":\"wharf\",\"exp\":9999999999,\"sub\":{}}",
            "{\"iss\":\"https://auth.example.test\",\"aud\":\"wharf\",\"exp\":9999999999,\"sub\":true}"})
    void refusesOddClaimsWithoutFailingOtherwise(String claims) {
        assertThatThrownBy(() -> verifier(LATER).verify(signedPayload(claims))).isInstanceOf(InvalidTokenException.class);
    }

    private static Arguments named(String name, String token, Instant at, String reason) {
        return Arguments.of(Named.of(name, new Case(token, at, reason)));
    }

    private static JwtVerifier verifier(Instant at) {
        return new JwtVerifier(new JwtVerifierSettings(TestKeys.ISSUER, "wharf", SKEW, Optional.empty(), Optional.empty(),
                List.of(SIGNER.publicKey())), Clock.fixed(at, ZoneOffset.UTC));
    }

    private static JwtSigner signer() {
        try {
            var file = Files.createTempFile("wharf-rsa", ".key");
            file.toFile().deleteOnExit();
            return JwtSigner.fromPemFile(TestKeys.writePem(file, RSA.getPrivate()), TestKeys.ISSUER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String signed(JWTClaimsSet claims) {
        return TestKeys.sign(HEADER, claims, new RSASSASigner(RSA.getPrivate()));
    }

    private static String signedPayload(String payload) {
        try {
            JWSObject jws = new JWSObject(HEADER, new Payload(payload));
            jws.sign(new RSASSASigner(RSA.getPrivate()));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private static String tamperedPayload() {
        String[] parts = GOOD.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"sub\":\"alice\"");
        return parts[0] + "." + base64Url(payload.replace("\"sub\":\"alice\"", "\"sub\":\"admin\"")) + "." + parts[2];
    }

    private static String tamperedSignature() {
        String[] parts = GOOD.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 0x01;
        return parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    private static String unsecured() {
        return base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + GOOD.split("\\.")[1] + ".";
    }

    private static String hmacWithPublicKey() {
        try {
            // The classic confusion attack: a verifier that let the token pick HMAC would use the public key,
            // which anyone can fetch, as the shared secret.
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid(GOOD)).build();
            return TestKeys.sign(header, TestKeys.claimSet(NOW).build(), new MACSigner(RSA.getPublic().getEncoded()));
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private static String unknownRsaKey() {
        return TestKeys.sign(new JWSHeader(JWSAlgorithm.RS256), TestKeys.claimSet(NOW).build(),
                new RSASSASigner(TestKeys.generate("RSA", 2048).getPrivate()));
    }

    private static String es384() {
        try {
            var key = new ECKeyGenerator(Curve.P_384).generate();
            return TestKeys.sign(new JWSHeader(JWSAlgorithm.ES384), TestKeys.claimSet(NOW).build(), new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private static String withHeader(String json) {
        return base64Url(json) + "." + GOOD.split("\\.")[1] + "." + GOOD.split("\\.")[2];
    }

    private static String encrypted() {
        try {
            EncryptedJWT jwe = new EncryptedJWT(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM),
                    TestKeys.claimSet(NOW).build());
            jwe.encrypt(new RSAEncrypter((RSAPublicKey) RSA.getPublic()));
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private static String kid(String token) {
        try {
            return JWSObject.parse(token).getHeader().getKeyID();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
