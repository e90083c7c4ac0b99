package io.wharf.bootstrap.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What HTTPS is served with: the PEM certificate chain (server certificate first) and the PEM private
 * key, checked for a renewed pair every {@code reloadInterval}.
 */
public record TlsFiles(Path certificate, Path key, Duration reloadInterval) {
}
