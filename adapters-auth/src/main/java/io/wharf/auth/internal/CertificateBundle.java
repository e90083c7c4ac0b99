package io.wharf.auth.internal;

import com.nimbusds.jose.util.Base64;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The PEM certificates of distribution's {@code rootcertbundle}: their keys sign tokens directly, and
 * they are the trust anchors of {@code x5c} chains in token headers.
 */
public final class CertificateBundle {
    /** More than any real chain; the bound keeps path validation cheap on hostile input. */
    private static final int MAX_CHAIN_LENGTH = 8;

    private final List<X509Certificate> certificates;
    private final Set<TrustAnchor> anchors;

    private CertificateBundle(List<X509Certificate> certificates) {
        this.certificates = List.copyOf(certificates);
        this.anchors = certificates.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toUnmodifiableSet());
    }

    /** Reads the bundle; IllegalArgumentException naming the file when it cannot be read or holds no certificate. */
    public static CertificateBundle read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the root certificate bundle " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the root certificate bundle " + file + ": " + e.getMessage(), e);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))) {
                certificates.add((X509Certificate) c);
            }
        } catch (CertificateException e) {
            // The JDK says "no certificate data found" for a file without any: tell that apart from a broken one.
            boolean anyPem = new String(bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN CERTIFICATE-----");
            throw new IllegalArgumentException("the root certificate bundle " + file
                    + (anyPem ? " holds a certificate that cannot be read" : " holds no certificate"), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("the root certificate bundle " + file + " holds no certificate");
        }
        return new CertificateBundle(certificates);
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    /**
     * The leaf of an {@code x5c} chain (leaf first, as RFC 7515 orders it) when the chain leads to a bundle
     * certificate, checked by the JDK's PKIX validator at {@code at}; revocation is not checked (an issuer's
     * private CA publishes no CRL or OCSP responder). Empty when the chain is unreadable, not trusted, or its
     * leaf's key usage excludes signing.
     */
    public Optional<X509Certificate> trustedLeaf(List<Base64> x5c, Instant at) {
        if (x5c.isEmpty() || x5c.size() > MAX_CHAIN_LENGTH) {
            return Optional.empty();
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> path = new ArrayList<>();
            for (Base64 der : x5c) {
                path.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der.decode())));
            }
            X509Certificate leaf = path.getFirst();
            boolean[] usage = leaf.getKeyUsage();
            if (usage != null && !usage[0]) {
                return Optional.empty();
            }
            // A chain may end with the root itself; PKIX wants the path without its anchor. What is left
            // when the leaf itself is in the bundle is nothing to validate: the bundle trusts it as is.
            while (!path.isEmpty() && certificates.contains(path.getLast())) {
                path.removeLast();
            }
            if (!path.isEmpty()) {
                PKIXParameters parameters = new PKIXParameters(anchors);
                parameters.setRevocationEnabled(false);
                parameters.setDate(Date.from(at));
                CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(path), parameters);
            }
            return Optional.of(leaf);
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
