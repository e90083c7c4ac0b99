package io.wharf.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws InterruptedException {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheCommands() throws InterruptedException {
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("serve") && help.contains("--config") && help.contains("--data-dir"), help);
    }

    @Test
    void anUnknownCommandOrOptionIsAUsageError() throws InterruptedException {
        assertEquals(2, run("frobnicate"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'frobnicate'"));
        assertEquals(2, run("serve", "--verbose", "yes"));
        assertEquals(2, run("serve", "--port"));
    }

    @Test
    void eventsCommandsCheckTheirOptions() throws InterruptedException {
        assertEquals(2, run("events", "replay"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("needs --endpoint"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, run("events", "replay", "--endpoint", "ci", "--id", "nope"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--id must be an event id"));
        assertEquals(2, run("events", "resend"));
        assertEquals(2, run("events", "dead", "--port", "x", "--verbose", "y"));
        assertEquals(0, run("events", "--help"));
    }

    @Test
    void aBadConfigurationExitsWithAMessageNamingTheKey() throws InterruptedException {
        assertEquals(2, run("serve", "--port", "notaport"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("'http.port'"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownLogLevelExitsWithAMessageNamingTheKeyAndNoStackTrace(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("wharf.yml"), "log:\n  levels:\n    io.wharf.storage: LOUD\n");
        assertEquals(2, run("serve", "--config", config.toString(), "--data-dir", dir.toString()));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("wharf: configuration key 'log.levels.io.wharf.storage' must be a level"), message);
        assertFalse(message.contains("\tat "), message);
    }
}
