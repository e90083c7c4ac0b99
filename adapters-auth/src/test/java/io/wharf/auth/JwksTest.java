package io.wharf.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import io.wharf.domain.port.InvalidTokenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keys published as a JWKS, served over real HTTP by the JDK's server. */
class JwksTest {
    private final AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet());
    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer server;
    private URI url;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void verifiesTokensSignedWithPublishedKeysOfEveryType() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").keyUse(KeyUse.SIGNATURE).generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        OctetKeyPair ed = new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed-1").generate();
        publish(rsa, ec, ed);
        JwtVerifier verifier = verifier();

        assertThat(verifier.verify(token(JWSAlgorithm.PS256, "rsa-1", new RSASSASigner(rsa))).subject()).isEqualTo("alice");
        assertThat(verifier.verify(token(JWSAlgorithm.ES256, "ec-1", new ECDSASigner(ec))).subject()).isEqualTo("alice");
        assertThat(verifier.verify(token(JWSAlgorithm.EdDSA, "ed-1", new Ed25519Signer(ed))).subject()).isEqualTo("alice");
        assertThat(fetches).as("the set is fetched once, then cached").hasValue(1);
    }

    @Test
    void aNewKeyIdFetchesTheSetAgainSoRotatedKeysVerify() throws Exception {
        ECKey old = new ECKeyGenerator(Curve.P_256).keyID("2026-11").generate();
        publish(old);
        JwtVerifier verifier = verifier();
        assertThat(verifier.verify(token(JWSAlgorithm.ES256, "2026-11", new ECDSASigner(old))).subject()).isEqualTo("alice");

        ECKey rotated = new ECKeyGenerator(Curve.P_256).keyID("2026-12").generate();
        publish(old, rotated);

        assertThat(verifier.verify(token(JWSAlgorithm.ES256, "2026-12", new ECDSASigner(rotated))).subject()).isEqualTo("alice");
        assertThat(verifier.verify(token(JWSAlgorithm.ES256, "2026-11", new ECDSASigner(old))).subject()).isEqualTo("alice");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void refusesATokenSignedByAKeyNotInTheSet() throws Exception {
        publish(new ECKeyGenerator(Curve.P_256).keyID("published").generate());
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("stranger").generate();

        assertThatThrownBy(() -> verifier().verify(token(JWSAlgorithm.ES256, "stranger", new ECDSASigner(stranger))))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("no trusted key has the token's key id");
        assertThat(fetches).as("an unknown kid fetches the set again before giving up").hasValue(2);
    }

    @Test
    void refusesATokenThatNamesAPublishedKeyButIsSignedByAnother() throws Exception {
        publish(new ECKeyGenerator(Curve.P_256).keyID("published").generate());
        ECKey impostor = new ECKeyGenerator(Curve.P_256).generate();

        assertThatThrownBy(() -> verifier().verify(token(JWSAlgorithm.ES256, "published", new ECDSASigner(impostor))))
                .hasMessage("the signature does not verify with the key the token's key id names");
    }

    @Test
    void madeUpKeyIdsCannotMakeItFetchTheSetOverAndOver() throws Exception {
        publish(new ECKeyGenerator(Curve.P_256).keyID("published").generate());
        JwtVerifier verifier = verifier();
        ECKey stranger = new ECKeyGenerator(Curve.P_256).generate();

        for (int i = 0; i < 10; i++) {
            String token = token(JWSAlgorithm.ES256, "made-up-" + i, new ECDSASigner(stranger));
            assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidTokenException.class);
        }
        String last = token(JWSAlgorithm.ES256, "made-up-last", new ECDSASigner(stranger));

        assertThatThrownBy(() -> verifier.verify(last)).hasMessage(
                "no trusted key has the token's key id, and the issuer's key set was fetched too recently to look again");
        assertThat(fetches.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void saysSoWhenTheSetCannotBeFetched() throws Exception {
        server.stop(0);
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k").generate();

        assertThatThrownBy(() -> verifier().verify(token(JWSAlgorithm.ES256, "k", new ECDSASigner(key))))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("the issuer's key set could not be fetched from " + url);
    }

    @Test
    void configuredKeysVerifyWithoutAskingTheSet() throws Exception {
        JwtSigner builtIn = JwtSigner.generated(TestKeys.ISSUER);
        JwtVerifier verifier = new JwtVerifier(new JwtVerifierSettings(TestKeys.ISSUER, "wharf", Duration.ofSeconds(30),
                Optional.of(url), Optional.empty(), List.of(builtIn.publicKey())));

        assertThat(verifier.verify(builtIn.sign(TestKeys.claims(now()))).subject()).isEqualTo("alice");
        assertThat(fetches).hasValue(0);
    }

    private JwtVerifier verifier() {
        return new JwtVerifier(new JwtVerifierSettings(TestKeys.ISSUER, "wharf", Duration.ofSeconds(30), Optional.of(url),
                Optional.empty(), List.of()));
    }

    private void publish(JWK... keys) {
        published.set(new JWKSet(List.of(keys)).toPublicJWKSet());
    }

    private static String token(JWSAlgorithm algorithm, String kid, JWSSigner signer) throws JOSEException {
        return TestKeys.sign(new JWSHeader.Builder(algorithm).keyID(kid).build(), TestKeys.claimSet(now()).build(), signer);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
