package io.wharf.http;

import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.common.tls.Tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** The server's certificate chain and private key as PEM files, turned into Helidon's TLS settings. */
record PemFiles(Path certificateChain, Path privateKey) {
    /** TLS 1.0 and 1.1 are broken and refused by every current client; distribution also defaults to 1.2. */
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    Tls load() {
        requireReadable(certificateChain, "certificate chain");
        requireReadable(privateKey, "private key");
        Keys keys;
        try {
            keys = Keys.builder()
                    .pem(pem -> pem.key(Resource.create(privateKey)).certChain(Resource.create(certificateChain)))
                    .build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot read the TLS key " + privateKey + " or certificates "
                    + certificateChain + " as PEM: " + e.getMessage(), e);
        }
        PrivateKey key = keys.privateKey().orElseThrow(() -> new IllegalArgumentException(
                "no private key in " + privateKey + " (expected a PEM 'PRIVATE KEY' block)"));
        List<X509Certificate> chain = keys.certChain();
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate in " + certificateChain + " (expected PEM 'CERTIFICATE' blocks)");
        }
        return Tls.builder()
                .privateKey(key)
                .privateKeyCertChain(chain)
                .enabledProtocols(PROTOCOLS)
                .build();
    }

    private static void requireReadable(Path file, String what) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("the TLS " + what + " " + file + " is not a readable file");
        }
    }
}
