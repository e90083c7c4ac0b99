package io.wharf.auth.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Objects;

/**
 * The built-in issuer's key: the algorithm it signs with, Nimbus's signer, and the public half (which
 * verifiers trust) with its RFC 7638 thumbprint (the {@code kid} of the tokens it signs).
 */
public record SigningKey(JWSAlgorithm algorithm, JWSSigner signer, PublicKey publicKey, String keyId) {
    public SigningKey {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(keyId, "keyId");
    }

    /**
     * The key, once a probe signed with the private half verifies with the public half: the public half
     * is derived or read separately from the private one, and a mismatch would only show when every
     * token was refused.
     */
    public static SigningKey of(JWSAlgorithm algorithm, JWSSigner signer, PublicKey publicKey) throws GeneralSecurityException {
        VerificationKey verification = VerificationKey.of(publicKey)
                .orElseThrow(() -> new GeneralSecurityException("the public key cannot verify tokens"));
        try {
            JWSObject probe = new JWSObject(new JWSHeader(algorithm), new Payload("wharf signing key check"));
            probe.sign(signer);
            if (!probe.verify(verification.verifier())) {
                throw new GeneralSecurityException("the public key does not match the private key");
            }
        } catch (JOSEException e) {
            throw new GeneralSecurityException("the key cannot sign " + algorithm + " tokens", e);
        }
        return new SigningKey(algorithm, signer, publicKey, verification.id());
    }

    /** A fresh EC P-256 key pair from the JDK, signing ES256: for an issuer whose tokens need not outlive the process. */
    public static SigningKey generated() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            return of(JWSAlgorithm.ES256, new ECDSASigner((ECPrivateKey) pair.getPrivate()), pair.getPublic());
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("the JDK cannot make an EC P-256 key pair", e);
        }
    }
}
