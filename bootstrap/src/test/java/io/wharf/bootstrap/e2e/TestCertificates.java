package io.wharf.bootstrap.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Certificates for the TLS tests, made with openssl, and the client side that trusts (and presents) them. */
final class TestCertificates {
    private TestCertificates() {
    }

    /** Runs {@code openssl ARGS} in {@code work} and asserts it succeeded. */
    static void openssl(Path work, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        ExternalProcess.run(work, Duration.ofSeconds(30), Map.of(), command).assertSuccess();
    }

    /** A self-signed P-256 certificate for {@code commonName}, valid for 127.0.0.1, and its PKCS#8 key. */
    static void selfSigned(Path work, Path certificate, Path key, String commonName) {
        openssl(work, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-subj", "/CN=" + commonName, "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", key.toString(), "-out", certificate.toString());
    }

    /**
     * A client TLS context that trusts only the PEM certificate {@code trusted} and, when given, presents the
     * key and certificate of the PKCS#12 file {@code clientKeystore}.
     */
    static SSLContext clientContext(Path trusted, Optional<Path> clientKeystore, char[] password)
            throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(trusted)) {
            trust.setCertificateEntry("trusted", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        KeyStore client = KeyStore.getInstance("PKCS12");
        if (clientKeystore.isPresent()) {
            try (InputStream in = Files.newInputStream(clientKeystore.get())) {
                client.load(in, password);
            }
        } else {
            client.load(null, null);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(client, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
}
