package io.wharf.bootstrap.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code log.*} keys as an operator writes them, in the file, the environment and flags. */
class LogSettingsTest {
    @TempDir
    Path dir;

    private final AdapterCatalogue shipped = Adapters.discover();

    private LogSettings load(String yaml, Map<String, String> env, Map<String, String> flags) throws IOException {
        Path file = Files.writeString(dir.resolve("wharf.yml"), yaml);
        return new ConfigLoader(shipped, env).load(Optional.of(file), flags).log();
    }

    private void refused(String key, String yaml, Map<String, String> env) {
        var e = assertThrows(ConfigException.class, () -> load(yaml, env, Map.of()));
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
    }

    @Test
    void byDefaultJsonLinesAtInfoForEveryLogger() throws IOException {
        assertEquals(new LogSettings(LogSettings.Format.JSON, Level.INFO, Map.of()), load("", Map.of(), Map.of()));
    }

    @Test
    void theAccessLogCanBeTurnedOffByAVariable() throws IOException {
        assertEquals(Map.of("io.wharf.access", Level.OFF),
                load("", Map.of("WHARF_LOG_ACCESS", "false"), Map.of()).levels());
        refused("log.access", "log:\n  access: maybe\n", Map.of());
    }

    @Test
    void levelsPerLoggerOrPackageInEitherSpellingAndCase() throws IOException {
        LogSettings settings = load("""
                log:
                  format: text
                  level: warn
                  levels:
                    io.wharf.storage: DEBUG
                    com.zaxxer.hikari: WARNING
                    io.wharf.access: OFF
                    org:
                      flywaydb: error
                    io.wharf.bootstrap.Registry: finest
                    io.wharf.notify: Trace
                    io.wharf.auth: "off"
                """, Map.of(), Map.of());
        assertEquals(LogSettings.Format.TEXT, settings.format());
        assertEquals(Level.WARNING, settings.rootLevel());
        assertEquals(Map.of("io.wharf.storage", Level.FINE, "com.zaxxer.hikari", Level.WARNING,
                // unquoted OFF is YAML's boolean false
                "io.wharf.access", Level.OFF,
                "org.flywaydb", Level.SEVERE,
                "io.wharf.bootstrap.Registry", Level.FINEST,
                "io.wharf.notify", Level.FINEST,
                "io.wharf.auth", Level.OFF), settings.levels());
    }

    @Test
    void theFormatAndRootLevelComeFromTheEnvironmentTooAndFlagsWin() throws IOException {
        LogSettings settings = load("log:\n  level: ERROR\n  levels:\n    io.wharf: INFO\n",
                Map.of("WHARF_LOG_LEVEL", "DEBUG", "WHARF_LOG_FORMAT", "text"), Map.of("log.levels.io.wharf", "TRACE"));
        assertEquals(new LogSettings(LogSettings.Format.TEXT, Level.FINE, Map.of("io.wharf", Level.FINEST)), settings);
    }

    @Test
    void anUnknownLevelOrFormatStopsTheStartNamingTheKey() {
        refused("log.level", "log:\n  level: LOUD\n", Map.of());
        refused("log.level", "", Map.of("WHARF_LOG_LEVEL", "verbose"));
        refused("log.levels.io.wharf.storage", "log:\n  levels:\n    io.wharf.storage: 10\n", Map.of());
        refused("log.levels.io.wharf.storage", "log:\n  levels:\n    io.wharf.storage: on\n", Map.of());
        refused("log.format", "log:\n  format: xml\n", Map.of());
        refused("log.levels", "log:\n  levels: DEBUG\n", Map.of());
        refused("log.colour", "log:\n  colour: true\n", Map.of());
    }

    @Test
    void levelKeysOnlyLogAndNeverReachTheAdapters() throws IOException {
        Path file = Files.writeString(dir.resolve("wharf.yml"), "log:\n  levels:\n    io.wharf.storage: DEBUG\n");
        WharfConfig config = new ConfigLoader(shipped, Map.of()).load(Optional.of(file), Map.of());
        assertTrue(config.adapterValues().keySet().stream().noneMatch(k -> k.startsWith("log.")),
                config.adapterValues().toString());
    }
}
