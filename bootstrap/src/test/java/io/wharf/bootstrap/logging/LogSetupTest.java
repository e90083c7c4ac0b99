package io.wharf.bootstrap.logging;

import io.wharf.bootstrap.config.LogSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the setup hands java.util.logging; that the process then logs so is {@link JsonLogsEndToEndTest}'s part. */
class LogSetupTest {
    @Test
    void theLevelsBecomeLoggingPropertiesWithoutAnyHandler() throws IOException {
        Properties properties = new Properties();
        properties.load(new ByteArrayInputStream(LogSetup.configuration(new LogSettings(LogSettings.Format.JSON,
                Level.WARNING, Map.of("io.wharf.storage", Level.FINE, "com.zaxxer.hikari", Level.OFF,
                        "odd name:with=chars", Level.FINEST)))));
        assertEquals(Map.of("handlers", "", ".level", "WARNING", "io.wharf.storage.level", "FINE",
                "com.zaxxer.hikari.level", "OFF", "odd name:with=chars.level", "FINEST"), properties);
    }
}
