package io.wharf.bootstrap;

import io.wharf.bootstrap.cli.CommandLine;
import io.wharf.bootstrap.config.Adapters;
import io.wharf.bootstrap.config.AdapterCatalogue;
import io.wharf.bootstrap.config.ConfigException;
import io.wharf.bootstrap.config.ConfigLoader;
import io.wharf.bootstrap.config.LogSettings;
import io.wharf.bootstrap.config.WharfConfig;
import io.wharf.bootstrap.logging.LogSetup;
import io.wharf.domain.port.InvalidSettingException;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

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
            upper case with '.' and '-' as '_', e.g. WHARF_HTTP_PORT=5050.
            """;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        // logs go to stderr: stdout is the events commands' output, and containers collect both
        System.exit(run(args, System.out, System.err, settings -> LogSetup.install(settings, System.err)));
    }

    /** As the process runs, but leaving logging as the caller set it up (tests in this JVM capture it). */
    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        return run(args, out, err, settings -> { });
    }

    /** @param logging sets logging up from the configuration, once it is read and before anything else runs */
    static int run(String[] args, PrintStream out, PrintStream err, Consumer<LogSettings> logging)
            throws InterruptedException {
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
            case CommandLine.Serve serve -> serve(serve.configuration(), err, logging);
            case CommandLine.DeadEvents dead -> events(dead, dead.configuration(), out, err, logging);
            case CommandLine.ReplayEvents replay -> events(replay, replay.configuration(), out, err, logging);
        };
    }

    private static int events(CommandLine command, CommandLine.Configuration configuration, PrintStream out,
                              PrintStream err, Consumer<LogSettings> logging) {
        AdapterCatalogue adapters = Adapters.discover();
        try {
            WharfConfig config = load(configuration, adapters);
            logging.accept(config.log());
            return EventsCommand.run(command, config, adapters, out);
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

    private static int serve(CommandLine.Configuration configuration, PrintStream err, Consumer<LogSettings> logging)
            throws InterruptedException {
        AdapterCatalogue adapters = Adapters.discover();
        WharfConfig config;
        try {
            config = load(configuration, adapters);
        } catch (ConfigException | InvalidSettingException e) {
            err.println("wharf: " + e.getMessage());
            return 2;
        }
        logging.accept(config.log());
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
        } catch (RuntimeException e) {
            // the catalog or the storage cannot be reached: the cause as one log line a collector reads
            System.getLogger(Main.class.getName()).log(System.Logger.Level.ERROR, "the registry could not start", e);
            return 1;
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
