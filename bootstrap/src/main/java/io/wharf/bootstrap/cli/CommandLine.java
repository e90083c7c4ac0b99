package io.wharf.bootstrap.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The parsed command line: a closed set of commands. */
public sealed interface CommandLine {

    record Help() implements CommandLine {
    }

    /** @param flags configuration keys set on the command line, highest precedence */
    record Serve(Optional<Path> configFile, Map<String, String> flags) implements CommandLine {
    }

    static CommandLine parse(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            return new Help();
        }
        if (!args[0].equals("serve")) {
            throw new IllegalArgumentException("unknown command '" + args[0] + "'");
        }
        Optional<Path> config = Optional.empty();
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help")) {
                return new Help();
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--config" -> config = Optional.of(Path.of(value));
                case "--port" -> flags.put("http.port", value);
                case "--data-dir" -> flags.put("data-dir", value);
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        return new Serve(config, flags);
    }
}
