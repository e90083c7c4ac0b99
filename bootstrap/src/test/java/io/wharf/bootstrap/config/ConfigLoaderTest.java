package io.wharf.bootstrap.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configuration as an operator meets it, with the adapters this build really ships. */
class ConfigLoaderTest {
    @TempDir
    Path dir;

    private final AdapterCatalogue shipped = Adapters.discover();

    private WharfConfig load(String yaml, Map<String, String> env, Map<String, String> flags) throws IOException {
        Path file = dir.resolve("wharf.yml");
        Files.writeString(file, yaml);
        return new ConfigLoader(shipped, env).load(Optional.of(file), flags);
    }

    @Test
    void theDefaultsAreTheEmbeddedRegistryOnPort5000() {
        WharfConfig config = new ConfigLoader(shipped, Map.of()).load(Optional.empty(), Map.of());
        assertEquals(5000, config.port());
        assertEquals("127.0.0.1", config.host(), "an open registry must not face the network by default");
        assertEquals("filesystem", config.storageDriver());
        assertEquals("postgres", config.catalogType());
        assertEquals(Duration.ofDays(7), config.uploadMaxAge());
        assertEquals(Path.of("data").toAbsolutePath(), config.dataDir());
        assertEquals(config.dataDir().resolve("storage").toString(),
                config.storageSettings().requireString("rootdirectory"));
        assertEquals(config.dataDir().resolve("postgres").toString(),
                config.catalogSettings().requireString("embedded-dir"));
        assertEquals(Optional.of(Duration.ofMinutes(20)), config.redirectExpiry(), "distribution's default");
        assertEquals(Duration.ofSeconds(5), config.slowStorageCall());
    }

    @Test
    void httpsNeedsBothReadablePemFiles(@TempDir Path dir) throws IOException {
        Path certificate = Files.writeString(dir.resolve("cert.pem"), "x");
        Path key = Files.writeString(dir.resolve("key.pem"), "x");
        assertEquals(Optional.empty(), load("", Map.of(), Map.of()).tls(), "plain HTTP by default");
        assertEquals(Optional.of(new TlsFiles(new TlsFiles.Pem(certificate, key), Duration.ofMinutes(1), Optional.empty(), true)), load("", Map.of("WHARF_HTTP_TLS_CERTIFICATE",
                certificate.toString(), "WHARF_HTTP_TLS_KEY", key.toString()), Map.of()).tls());
        var alone = assertThrows(ConfigException.class,
                () -> load("http:\n  tls:\n    certificate: " + certificate + "\n", Map.of(), Map.of()));
        assertTrue(alone.getMessage().contains("'http.tls.key'"), alone.getMessage());
        var missing = assertThrows(ConfigException.class, () -> load("", Map.of(),
                Map.of("http.tls.certificate", dir.resolve("absent.pem").toString(), "http.tls.key", key.toString())));
        assertTrue(missing.getMessage().contains("'http.tls.certificate'"), missing.getMessage());
        var both = assertThrows(ConfigException.class, () -> load("", Map.of(), Map.of("http.tls.certificate",
                certificate.toString(), "http.tls.key", key.toString(), "http.tls.keystore", key.toString(),
                "http.tls.keystore-password", "x")));
        assertTrue(both.getMessage().contains("'http.tls.keystore'"), both.getMessage());
        var noPassword = assertThrows(ConfigException.class, () -> load("", Map.of(),
                Map.of("http.tls.keystore", key.toString())));
        assertTrue(noPassword.getMessage().contains("'http.tls.keystore-password'"), noPassword.getMessage());
        var clientCaAlone = assertThrows(ConfigException.class, () -> load("", Map.of(),
                Map.of("http.tls.client-ca", certificate.toString())));
        assertTrue(clientCaAlone.getMessage().contains("'http.tls.client-ca'"), clientCaAlone.getMessage());
        assertEquals(new TlsFiles.Keystore(key, "secret"), load("", Map.of("WHARF_HTTP_TLS_KEYSTORE_PASSWORD", "secret"),
                Map.of("http.tls.keystore", key.toString())).tls().orElseThrow().identity());
    }

    @Test
    void redirectsCanBeTurnedOffOrGivenAnotherExpiry() throws IOException {
        assertEquals(Optional.empty(), load("storage:\n  redirect:\n    enabled: false\n", Map.of(), Map.of()).redirectExpiry());
        assertEquals(Optional.of(Duration.ofMinutes(5)),
                load("", Map.of("WHARF_STORAGE_REDIRECT_EXPIRY", "5m"), Map.of()).redirectExpiry());
        var bad = assertThrows(ConfigException.class, () -> load("storage:\n  redirect:\n    enabled: sometimes\n", Map.of(), Map.of()));
        assertTrue(bad.getMessage().contains("'storage.redirect.enabled'"), bad.getMessage());
    }

    @Test
    void environmentOverridesTheFileAndFlagsOverrideBoth() throws IOException {
        String yaml = """
                http:
                  port: 6000
                uploads:
                  max-age: 12h
                catalog:
                  postgres:
                    url: jdbc:postgresql://db/wharf
                """;
        WharfConfig config = load(yaml, Map.of("WHARF_HTTP_PORT", "7000", "WHARF_UPLOADS_MAX_AGE", "30m"),
                Map.of());
        assertEquals(7000, config.port());
        assertEquals(Duration.ofMinutes(30), config.uploadMaxAge());
        assertEquals("jdbc:postgresql://db/wharf", config.catalogSettings().requireString("url"));
        assertTrue(config.catalogSettings().string("embedded-dir").isEmpty(),
                "an external database needs no embedded cluster directory");
        assertEquals(8000, load(yaml, Map.of("WHARF_HTTP_PORT", "7000"), Map.of("http.port", "8000")).port());
    }

    @Test
    void anUnknownKeyStopsTheStartNamingTheKey() {
        var e = assertThrows(ConfigException.class, () -> load("http:\n  prot: 5000\n", Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("'http.prot'"), e.getMessage());
        var adapter = assertThrows(ConfigException.class,
                () -> load("storage:\n  filesystem:\n    root: /x\n", Map.of(), Map.of()));
        assertTrue(adapter.getMessage().contains("'storage.filesystem.root'"), adapter.getMessage());
    }

    @Test
    void aBadValueStopsTheStartNamingTheKey() {
        var port = assertThrows(ConfigException.class, () -> load("http:\n  port: abc\n", Map.of(), Map.of()));
        assertTrue(port.getMessage().contains("'http.port'"), port.getMessage());
        var range = assertThrows(ConfigException.class, () -> load("http:\n  port: 70000\n", Map.of(), Map.of()));
        assertTrue(range.getMessage().contains("'http.port'"), range.getMessage());
        var age = assertThrows(ConfigException.class, () -> load("uploads:\n  max-age: soon\n", Map.of(), Map.of()));
        assertTrue(age.getMessage().contains("'uploads.max-age'"), age.getMessage());
        var driver = assertThrows(ConfigException.class, () -> load("storage:\n  driver: floppy\n", Map.of(), Map.of()));
        assertTrue(driver.getMessage().contains("'storage.driver'") && driver.getMessage().contains("filesystem"),
                driver.getMessage());
        var env = assertThrows(ConfigException.class, () -> load("", Map.of("WHARF_LISTING_MAX_PAGE_SIZE", "0"), Map.of()));
        assertTrue(env.getMessage().contains("'listing.max-page-size'"), env.getMessage());
    }

    @Test
    void malformedYamlIsAClearError() {
        var e = assertThrows(ConfigException.class, () -> load("http: [port\n", Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
        var list = assertThrows(ConfigException.class, () -> load("http:\n  port:\n    - 1\n", Map.of(), Map.of()));
        assertTrue(list.getMessage().contains("'http.port'"), list.getMessage());
    }

    @Test
    void environmentNamesFollowTheKeys() {
        assertEquals("WHARF_STORAGE_FILESYSTEM_ROOTDIRECTORY",
                ConfigLoader.environmentName("storage.filesystem.rootdirectory"));
        assertEquals("WHARF_CATALOG_POSTGRES_POOL_SIZE", ConfigLoader.environmentName("catalog.postgres.pool-size"));
    }

    @Test
    void openTelemetryTakesItsStandardVariablesOverTheFilesOtelSection() throws IOException {
        WharfConfig config = load("""
                otel:
                  service:
                    name: from-file
                  traces:
                    sampler: always_off
                """, Map.of("OTEL_SERVICE_NAME", "from-env", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "PATH", "/usr/bin"), Map.of());
        assertEquals(Map.of("otel.service.name", "from-env", "otel.traces.sampler", "always_off",
                "otel.exporter.otlp.endpoint", "http://collector:4318"), config.observability().otelProperties());
        assertEquals(Optional.of(5001), config.observability().adminPort());
        assertEquals("127.0.0.1", config.observability().adminHost());
    }

    @Test
    void theAdminPortCanBeMovedOrTurnedOff() throws IOException {
        assertEquals(Optional.of(9090), load("admin:\n  port: 9090\n", Map.of(), Map.of()).observability().adminPort());
        assertEquals(Optional.empty(), load("", Map.of("WHARF_ADMIN_ENABLED", "false"), Map.of()).observability().adminPort());
        var e = assertThrows(ConfigException.class, () -> load("admin:\n  port: 70000\n", Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("'admin.port'"), e.getMessage());
    }
}
