package io.wharf.bootstrap.logging;

import io.wharf.bootstrap.config.LogSettings;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Points java.util.logging, where Wharf's System.Logger and the libraries' SLF4J calls end up, at one
 * handler writing the configured format, with the configured levels. Run before anything logs.
 */
public final class LogSetup {
    private LogSetup() {
    }

    /** Replaces every handler and level java.util.logging had (its defaults or a logging.properties). */
    public static void install(LogSettings settings, PrintStream out) {
        try {
            // Levels go through the LogManager's configuration rather than Logger.setLevel: java.util.logging
            // holds loggers weakly, and a logger collected and made again would lose a level set on it, while
            // the configuration is applied to every logger of that name (and its package's) whenever it is made.
            LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(configuration(settings)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LineHandler handler = new LineHandler(out, switch (settings.format()) {
            case JSON -> new JsonLineFormatter();
            case TEXT -> new TextLineFormatter();
        });
        handler.setLevel(Level.ALL); // the loggers' levels decide
        Logger.getLogger("").addHandler(handler);
    }

    /** The settings as a logging.properties file: no handlers (the one above is added after), then levels. */
    static byte[] configuration(LogSettings settings) {
        Properties properties = new Properties();
        properties.setProperty("handlers", "");
        properties.setProperty(".level", settings.rootLevel().getName());
        settings.levels().forEach((logger, level) -> properties.setProperty(logger + ".level", level.getName()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            // store escapes what names may hold (spaces, ':', '='), as load reads it back
            properties.store(bytes, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
