package io.wharf.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.wharf.auth.internal.AccessClaim;
import io.wharf.auth.internal.PrivateKeyFile;
import io.wharf.auth.internal.SigningKey;
import io.wharf.domain.auth.TokenClaims;
import io.wharf.domain.port.TokenSigner;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Date;
import java.util.Objects;

/**
 * Signs the built-in issuer's tokens as the Docker token spec has them: a JWS compact JWT with header
 * {@code typ: JWT} and {@code kid} (the RFC 7638 thumbprint of the public key), and the claims
 * {@code iss}, {@code sub}, {@code aud} (one string), {@code exp}, {@code nbf}, {@code iat}, {@code jti}
 * and {@code access}. Times are whole seconds, as JWT numeric dates are.
 */
public final class JwtSigner implements TokenSigner {
    private final SigningKey key;
    private final String issuer;
    private final JWSHeader header;

    private JwtSigner(SigningKey key, String issuer) {
        this.key = key;
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        if (issuer.isBlank()) {
            throw new IllegalArgumentException("the token issuer must not be blank");
        }
        this.header = new JWSHeader.Builder(key.algorithm()).type(JOSEObjectType.JWT).keyID(key.keyId()).build();
    }

    /**
     * A signer with the unencrypted PKCS#8 PEM key in {@code key}: RSA of 2048 bits or more signs RS256,
     * Ed25519 signs EdDSA, EC P-256 (as openssl writes it) signs ES256. IllegalArgumentException naming
     * the file, and saying how to convert traditional or encrypted keys, when it cannot be used.
     */
    public static JwtSigner fromPemFile(Path key, String issuer) {
        return new JwtSigner(PrivateKeyFile.read(key), issuer);
    }

    /** A signer with a fresh EC P-256 key (ES256): its tokens are good only while this process runs. */
    public static JwtSigner generated(String issuer) {
        return new JwtSigner(SigningKey.generated(), issuer);
    }

    /** The public half, for verifiers to trust. */
    public PublicKey publicKey() {
        return key.publicKey();
    }

    @Override
    public String sign(TokenClaims claims) {
        JWTClaimsSet set = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(claims.subject())
                .audience(claims.audience())
                .expirationTime(Date.from(claims.expiresAt()))
                .notBeforeTime(Date.from(claims.notBefore()))
                .issueTime(Date.from(claims.issuedAt()))
                .jwtID(claims.id())
                .claim(AccessClaim.NAME, AccessClaim.toJson(claims.access()))
                .build();
        SignedJWT jwt = new SignedJWT(header, set);
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            // The key was proven to sign when loaded; failing now is a fault of the JDK's providers.
            throw new IllegalStateException("signing a token with " + key.algorithm() + " failed", e);
        }
        return jwt.serialize();
    }
}
