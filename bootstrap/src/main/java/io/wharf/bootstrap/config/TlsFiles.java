package io.wharf.bootstrap.config;

import java.nio.file.Path;

/** What HTTPS is served with: the PEM certificate chain (server certificate first) and the PEM private key. */
public record TlsFiles(Path certificate, Path key) {
}
