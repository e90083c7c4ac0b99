package io.wharf.bootstrap.config;

import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;

/**
 * How Wharf logs: the line format and the level of each logger.
 *
 * @param format    one JSON object a line, or a readable line for development
 * @param rootLevel the level of every logger {@code levels} does not name (nor a package above it)
 * @param levels    levels by logger or package name: {@code io.wharf.storage} also sets the loggers below it
 */
public record LogSettings(Format format, Level rootLevel, Map<String, Level> levels) {
    public enum Format { JSON, TEXT }

    public LogSettings {
        Objects.requireNonNull(format);
        Objects.requireNonNull(rootLevel);
        levels = Map.copyOf(levels);
    }
}
