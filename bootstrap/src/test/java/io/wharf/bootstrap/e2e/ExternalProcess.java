package io.wharf.bootstrap.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command with a timeout, capturing stdout and stderr (to files, so nothing blocks). */
final class ExternalProcess {
    record Result(List<String> command, int exitCode, String stdout, String stderr, Duration took) {
        String describe() {
            return "command " + String.join(" ", command) + "\nexit code " + exitCode + " after " + took.toMillis()
                    + " ms\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }

        Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("expected exit code 0\n" + describe());
            }
            return this;
        }
    }

    private ExternalProcess() {
    }

    static Result run(Path workDir, Duration timeout, java.util.Map<String, String> env, String... command) {
        List<String> commandLine = List.of(command);
        try {
            Path out = Files.createTempFile(workDir, "stdout", ".txt");
            Path err = Files.createTempFile(workDir, "stderr", ".txt");
            long start = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(commandLine));
            builder.environment().putAll(env);
            Process process = builder
                    .directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", commandLine)
                        + "\n--- stdout ---\n" + Files.readString(out, StandardCharsets.UTF_8)
                        + "\n--- stderr ---\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return new Result(commandLine, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), took);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The absolute path of an executable on {@code PATH}, or null. */
    static Path which(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
