package io.wharf.bootstrap;

import io.wharf.bootstrap.cli.CommandLine;
import io.wharf.bootstrap.config.AdapterCatalogue;
import io.wharf.bootstrap.config.WharfConfig;
import io.wharf.domain.event.RegistryEvent;
import io.wharf.domain.port.EventOutbox.DeadLetter;
import io.wharf.domain.port.MetadataCatalog;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code wharf events dead|replay}: the dead letters of the notification outbox, read and sent again
 * through the catalog the registry uses. With the embedded PostgreSQL the registry must be stopped
 * (one server per data directory); with an external one it may run.
 */
final class EventsCommand {
    /** More than a terminal shows; SQL (docs/notifications.md) reads the rest. */
    private static final int LIST_LIMIT = 1000;

    private EventsCommand() {
    }

    static int run(CommandLine command, WharfConfig config, AdapterCatalogue adapters, PrintStream out) {
        try (MetadataCatalog catalog = adapters.catalog(config.catalogType()).orElseThrow()
                .open(config.catalogSettings())) {
            return switch (command) {
                case CommandLine.DeadEvents dead -> list(catalog.deadLetters(dead.endpoint(), LIST_LIMIT), out);
                case CommandLine.ReplayEvents replay -> {
                    int replayed = catalog.replay(replay.endpoint(), replay.eventId());
                    out.printf("%d dead letter(s) of endpoint %s queued for delivery again%n", replayed, replay.endpoint());
                    yield replayed == 0 && replay.eventId().isPresent() ? 1 : 0;
                }
                default -> throw new IllegalArgumentException("not an events command: " + command);
            };
        }
    }

    private static int list(List<DeadLetter> letters, PrintStream out) {
        out.printf("%-16s %-24s %-7s %-40s %-9s %-8s %-36s %s%n", "ENDPOINT", "DIED", "ACTION", "TARGET", "ATTEMPTS",
                "", "EVENT", "LAST ERROR");
        for (DeadLetter letter : letters) {
            RegistryEvent e = letter.event();
            String target = e.target().repository() + e.target().tag().map(t -> ":" + t).orElse("")
                    + e.target().digest().map(d -> "@" + d.toString().substring(0, Math.min(19, d.toString().length())))
                    .orElse("");
            out.printf("%-16s %-24s %-7s %-40s %-9d %-8s %-36s %s%n", letter.endpoint(), letter.diedAt(),
                    e.action().token(), target, letter.attempts(), "", e.id(), letter.lastError());
        }
        out.printf("%d dead letter(s)%n", letters.size());
        return 0;
    }
}
