package io.wharf.bootstrap.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The parsed command line: a closed set of commands. */
public sealed interface CommandLine {

    record Help() implements CommandLine {
    }

    /**
     * Where the configuration comes from, as every command that needs it takes it.
     *
     * @param flags configuration keys set on the command line, highest precedence
     */
    record Configuration(Optional<Path> file, Map<String, String> flags) {
        public Configuration {
            flags = Map.copyOf(flags);
        }
    }

    record Serve(Configuration configuration) implements CommandLine {
    }

    /** {@code events dead}: the dead letters, of one endpoint or all. */
    record DeadEvents(Configuration configuration, Optional<String> endpoint) implements CommandLine {
    }

    /** {@code events replay}: an endpoint's dead letters (or one) sent again. */
    record ReplayEvents(Configuration configuration, String endpoint, Optional<UUID> eventId) implements CommandLine {
    }

    static CommandLine parse(String[] args) {
        if (args.length == 0 || isHelp(args[0])) {
            return new Help();
        }
        return switch (args[0]) {
            case "serve" -> options(args, 1, Set.of()).map(o -> (CommandLine) new Serve(o.configuration()))
                    .orElseGet(Help::new);
            case "events" -> events(args);
            default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'");
        };
    }

    private static CommandLine events(String[] args) {
        if (args.length < 2 || isHelp(args[1])) {
            return new Help();
        }
        return switch (args[1]) {
            case "dead" -> options(args, 2, Set.of("--endpoint"))
                    .map(o -> (CommandLine) new DeadEvents(o.configuration(), Optional.ofNullable(o.extra().get("--endpoint"))))
                    .orElseGet(Help::new);
            case "replay" -> options(args, 2, Set.of("--endpoint", "--id")).map(o -> {
                String endpoint = o.extra().get("--endpoint");
                if (endpoint == null) {
                    throw new IllegalArgumentException("events replay needs --endpoint NAME");
                }
                return (CommandLine) new ReplayEvents(o.configuration(), endpoint,
                        Optional.ofNullable(o.extra().get("--id")).map(CommandLine::uuid));
            }).orElseGet(Help::new);
            default -> throw new IllegalArgumentException("unknown events command '" + args[1] + "' (dead or replay)");
        };
    }

    /** The options of a command; empty when they ask for help. */
    private static Optional<ParsedOptions> options(String[] args, int from, Set<String> extraOptions) {
        Optional<Path> config = Optional.empty();
        Map<String, String> flags = new LinkedHashMap<>();
        Map<String, String> extra = new LinkedHashMap<>();
        for (int i = from; i < args.length; i++) {
            String option = args[i];
            if (isHelp(option)) {
                return Optional.empty();
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--config" -> config = Optional.of(Path.of(value));
                case "--port" -> flags.put("http.port", value);
                case "--data-dir" -> flags.put("data-dir", value);
                default -> {
                    if (!extraOptions.contains(option)) {
                        throw new IllegalArgumentException("unknown option '" + option + "'");
                    }
                    extra.put(option, value);
                }
            }
        }
        return Optional.of(new ParsedOptions(new Configuration(config, flags), extra));
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--id must be an event id (a UUID), got '" + text + "'");
        }
    }
}
