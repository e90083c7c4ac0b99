package io.wharf.bootstrap.config;

import io.wharf.bootstrap.logging.AccessLog;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;

/** The {@code log.*} keys: the format, the root level and a level per logger or package. */
final class LogSettingsReader {
    static final String FORMAT = "log.format";
    static final String LEVEL = "log.level";
    /** {@code false} turns the access log off; unlike {@code log.levels.io.wharf.access}, a variable can say it. */
    static final String ACCESS = "log.access";
    /** {@code log.levels.io.wharf.storage: DEBUG}: the rest of the key is a logger or package name. */
    static final String LEVELS_PREFIX = "log.levels.";

    static final Map<String, String> DEFAULTS = Map.of(
            // log collectors (Loki, Elasticsearch, Cloud Logging) take a JSON object a line as it is
            FORMAT, "json",
            LEVEL, "INFO",
            ACCESS, "true");

    private LogSettingsReader() {
    }

    static LogSettings read(Map<String, String> values) {
        LogSettings.Format format = switch (values.get(FORMAT).trim()) {
            case "json" -> LogSettings.Format.JSON;
            case "text" -> LogSettings.Format.TEXT;
            default -> throw new ConfigException(FORMAT, "must be json or text, got '" + values.get(FORMAT) + "'");
        };
        Map<String, Level> levels = new HashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(LEVELS_PREFIX)) {
                String logger = key.substring(LEVELS_PREFIX.length());
                if (logger.isBlank() || logger.startsWith(".") || logger.endsWith(".")) {
                    throw new ConfigException(key, "must name a logger or package after 'log.levels.', "
                            + "e.g. log.levels.io.wharf.storage");
                }
                levels.put(logger, level(key, value));
            }
        });
        if (!ConfigLoader.bool(values, ACCESS)) {
            levels.put(AccessLog.LOGGER, Level.OFF);
        }
        return new LogSettings(format, level(LEVEL, values.get(LEVEL)), levels);
    }

    /**
     * A level in java.util.logging's spelling or in SLF4J's and Log4j's, which most operators know.
     * TRACE is FINEST, so it shows SLF4J's trace (FINEST) as well as System.Logger's (FINER).
     */
    static Level level(String key, String text) {
        return switch (text.trim().toUpperCase(Locale.ROOT)) {
            // YAML 1.1 (SnakeYAML) reads an unquoted OFF as the boolean false
            case "OFF", "FALSE" -> Level.OFF;
            case "ERROR", "SEVERE" -> Level.SEVERE;
            case "WARN", "WARNING" -> Level.WARNING;
            case "INFO" -> Level.INFO;
            case "CONFIG" -> Level.CONFIG;
            case "DEBUG", "FINE" -> Level.FINE;
            case "FINER" -> Level.FINER;
            case "TRACE", "FINEST" -> Level.FINEST;
            case "ALL" -> Level.ALL;
            default -> throw new ConfigException(key, "must be a level (TRACE, DEBUG, INFO, WARN, ERROR or OFF), got '"
                    + text + "'");
        };
    }
}
