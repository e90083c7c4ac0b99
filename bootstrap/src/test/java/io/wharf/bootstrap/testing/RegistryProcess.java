package io.wharf.bootstrap.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The registry as the process an operator runs: {@code wharf serve} in a child JVM on this test's module
 * path, its console (stdout and stderr) written to a file.
 */
public final class RegistryProcess {
    private RegistryProcess() {
    }

    /**
     * Starts {@code serve --port PORT ARGUMENTS…} and waits until the registry answers HTTP.
     *
     * @param console where the process's stdout and stderr go, interleaved as a terminal shows them
     */
    public static Process start(int port, Path console, String... arguments) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        // Surefire puts what is not a module of the build (Flyway's PostgreSQL plugin, found by its service
        // loader) on the class path: the child gets both, as this JVM has them.
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-p", System.getProperty("jdk.module.path"),
                "-cp", System.getProperty("java.class.path"), "-m", "io.wharf.bootstrap/io.wharf.bootstrap.Main",
                "serve", "--port", Integer.toString(port)));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(console.toFile())
                .start();
        RegistryClient client = new RegistryClient(URI.create("http://127.0.0.1:" + port));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the registry exited at start:\n" + Files.readString(console));
            }
            try {
                client.get("/v2/"); // any answer (401 under access control too) means it is serving
                return process;
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError("the registry did not answer within 60 s:\n" + Files.readString(console));
    }
}
