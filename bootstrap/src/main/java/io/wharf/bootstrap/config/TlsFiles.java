package io.wharf.bootstrap.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What HTTPS is served with: the PEM certificate chain (server certificate first) and the PEM private
 * key, checked for a renewed pair every {@code reloadInterval}; with {@code clientCa}, the PEM bundle of
 * CAs whose client certificates are accepted, demanded when {@code clientCertificateRequired}.
 */
public record TlsFiles(Path certificate, Path key, Duration reloadInterval, Optional<Path> clientCa,
                       boolean clientCertificateRequired) {
}
