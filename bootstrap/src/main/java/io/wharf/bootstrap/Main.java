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

/** {@code wharf serve|--help}: the process entry point. */
public final class Main {
    static final String USAGE = """
            Usage: wharf <command> [options]

            Commands:
              serve     run the registry (default: localhost:5000, data in ./data,
                        filesystem storage and an embedded PostgreSQL catalog)
              test      (launcher only) install what the tests need and run every test
              build     (launcher only) build the registry
              --help    show this help

            Options for serve:
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
            case CommandLine.Serve serve -> serve(serve, err);
        };
    }

    private static int serve(CommandLine.Serve serve, PrintStream err) throws InterruptedException {
        AdapterCatalogue adapters = Adapters.discover();
        WharfConfig config;
        try {
            config = new ConfigLoader(adapters, System.getenv()).load(serve.configFile(), serve.flags());
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
