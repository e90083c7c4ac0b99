package io.wharf.http;

import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.helidon.common.tls.TlsConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files HTTPS is served from: the server's PEM certificate chain and private key, and optionally a
 * PEM bundle of the CAs whose client certificates are accepted (mutual TLS), turned into Helidon's TLS
 * settings each time they are loaded.
 */
record ServerTls(Path certificateChain, Path privateKey, Optional<ClientCertificates> clients) {
    /** TLS 1.0 and 1.1 are broken and refused by every current client; distribution also defaults to 1.2. */
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** Client certificates signed by the CAs in {@code caBundle}: demanded, or only checked when offered. */
    record ClientCertificates(Path caBundle, boolean required) {
    }

    /** Every file this TLS setup is read from, so a change to any of them is noticed. */
    List<Path> files() {
        List<Path> files = new ArrayList<>(List.of(certificateChain, privateKey));
        clients.ifPresent(c -> files.add(c.caBundle()));
        return files;
    }

    Tls load() {
        requireReadable(certificateChain, "certificate chain");
        requireReadable(privateKey, "private key");
        Keys keys = pem(certificateChain, privateKey);
        PrivateKey key = keys.privateKey().orElseThrow(() -> new IllegalArgumentException(
                "no private key in " + privateKey + " (expected a PEM 'PRIVATE KEY' block)"));
        List<X509Certificate> chain = keys.certChain();
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate in " + certificateChain + " (expected PEM 'CERTIFICATE' blocks)");
        }
        TlsConfig.Builder tls = Tls.builder()
                .privateKey(key)
                .privateKeyCertChain(chain)
                .enabledProtocols(PROTOCOLS);
        clients.ifPresent(c -> {
            requireReadable(c.caBundle(), "client CA bundle");
            List<X509Certificate> cas = trusted(c.caBundle());
            tls.trust(cas).clientAuth(c.required() ? TlsClientAuth.REQUIRED : TlsClientAuth.OPTIONAL);
        });
        return tls.build();
    }

    private static Keys pem(Path certificates, Path key) {
        try {
            return Keys.builder().pem(pem -> pem.key(Resource.create(key)).certChain(Resource.create(certificates))).build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot read the TLS key " + key + " or certificates " + certificates
                    + " as PEM: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> trusted(Path bundle) {
        List<X509Certificate> cas;
        try {
            cas = Keys.builder().pem(pem -> pem.certificates(Resource.create(bundle))).build().certs();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot read the client CA bundle " + bundle + " as PEM: " + e.getMessage(), e);
        }
        if (cas.isEmpty()) {
            throw new IllegalArgumentException("no certificate in the client CA bundle " + bundle);
        }
        return cas;
    }

    private static void requireReadable(Path file, String what) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("the TLS " + what + " " + file + " is not a readable file");
        }
    }
}
