package io.wharf.bootstrap.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What HTTPS is served with: the server's identity, checked for renewed files every
 * {@code reloadInterval}; with {@code clientCa}, the PEM bundle of CAs whose client certificates are
 * accepted, demanded when {@code clientCertificateRequired}.
 */
public record TlsFiles(Identity identity, Duration reloadInterval, Optional<Path> clientCa,
                       boolean clientCertificateRequired) {

    /** PEM files, or a PKCS#12 keystore. */
    public sealed interface Identity permits Pem, Keystore {
    }

    /** The PEM certificate chain (server certificate first) and the PEM private key. */
    public record Pem(Path certificate, Path key) implements Identity {
    }

    /** A PKCS#12 keystore and its password. */
    public record Keystore(Path file, String password) implements Identity {
        @Override
        public String toString() {
            return "Keystore[file=" + file + ", password=****]"; // never log the password
        }
    }
}
