package io.wharf.bootstrap;

import io.wharf.bootstrap.cli.CommandLine;
import io.wharf.bootstrap.config.Adapters;
import io.wharf.bootstrap.config.AdapterCatalogue;
import io.wharf.bootstrap.config.ConfigException;
import io.wharf.bootstrap.config.ConfigLoader;
import io.wharf.bootstrap.config.WharfConfig;
import io.wharf.domain.port.InvalidSettingException;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/** {@code wharf serve|events|--help}: the process entry point. */
public final class Main {
    static final String USAGE = """
            Usage: wharf <command> [options]

            Commands:
              serve     run the registry (default: localhost:5000, data in ./data,
                        filesystem storage and an embedded PostgreSQL catalog)
              test      (launcher only) install what the tests need and run every test
              build     (launcher only) build the registry
              events dead [--endpoint NAME]
                        list notification events an endpoint gave up on
              events replay --endpoint NAME [--id EVENT_ID]
                        send an endpoint's dead events (or one) again
              --help    show this help

            Options for serve (and, but for --port, for events):
              --config FILE     YAML configuration file (see docs/configuration.md)
              --port N          HTTP port (http.port)
              --data-dir DIR    where storage and the embedded catalog live (data-dir)

            Every setting can also be given as an environment variable: WHARF_ + the key in
            upper case with '.' and '-' as '_', e.g. WHARF_HTTP_PORT=5001.
            """;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        CommandLine command;
        try {
            command = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("wharf: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        return switch (command) {
            case CommandLine.Help help -> {
                out.print(USAGE);
                yield 0;
            }
            case CommandLine.Serve serve -> serve(serve.configuration(), err);
            case CommandLine.DeadEvents dead -> events(dead, dead.configuration(), out, err);
            case CommandLine.ReplayEvents replay -> events(replay, replay.configuration(), out, err);
        };
    }

    private static int events(CommandLine command, CommandLine.Configuration configuration, PrintStream out,
                              PrintStream err) {
        AdapterCatalogue adapters = Adapters.discover();
        try {
            return EventsCommand.run(command, load(configuration, adapters), adapters, out);
        } catch (ConfigException | InvalidSettingException e) {
            err.println("wharf: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            // the catalog could not be opened or read: say why, without a stack trace
            err.println("wharf: " + e.getMessage());
            return 1;
        }
    }

    private static WharfConfig load(CommandLine.Configuration configuration, AdapterCatalogue adapters) {
        return new ConfigLoader(adapters, System.getenv()).load(configuration.file(), configuration.flags());
    }

    private static int serve(CommandLine.Configuration configuration, PrintStream err) throws InterruptedException {
        AdapterCatalogue adapters = Adapters.discover();
        WharfConfig config;
        try {
            config = load(configuration, adapters);
        } catch (ConfigException | InvalidSettingException e) {
            err.println("wharf: " + e.getMessage());
            return 2;
        }
        Registry registry;
        try {
            registry = Registry.start(config, adapters);
        } catch (InvalidSettingException e) {
            err.println("wharf: configuration key '" + e.key() + "': " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            // e.g. TLS files that are not PEM: a setup mistake to name, not a stack trace
            err.println("wharf: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            registry.close();
            stopped.countDown();
        }, "wharf-shutdown"));
        stopped.await();
        return 0;
    }
}
