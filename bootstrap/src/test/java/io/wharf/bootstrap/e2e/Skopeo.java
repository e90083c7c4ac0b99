package io.wharf.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The skopeo client, run with a private HOME so no auth file or blob-info cache leaks between tests. */
final class Skopeo {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final Path executable;
    private final Path work;
    private final Map<String, String> env;

    private Skopeo(Path executable, Path work, Map<String, String> env) {
        this.executable = executable;
        this.work = work;
        this.env = env;
    }

    /** Finds skopeo (a test failure under ./wharf test or in CI, a skip otherwise) with its HOME under {@code work}. */
    static Skopeo locate(Path work) throws IOException {
        Path executable = ExternalProcess.which("skopeo");
        if (executable == null) {
            String hint = "skopeo is not installed; install it with `apt-get install -y skopeo` (Debian/Ubuntu)";
            if (System.getenv("CI") != null || System.getenv("WHARF_TEST_REQUIRE_SERVICES") != null) {
                fail(hint + " — this end-to-end test may not be skipped here (./wharf test installs it)");
            }
            assumeTrue(false, hint);
        }
        Path home = Files.createDirectories(work.resolve("home"));
        return new Skopeo(executable, work, Map.of("HOME", home.toString(), "XDG_RUNTIME_DIR", home.toString(),
                "XDG_CONFIG_HOME", home.resolve(".config").toString()));
    }

    /** Runs {@code skopeo --insecure-policy ARGS} and asserts it succeeded. */
    ExternalProcess.Result run(String... args) {
        return attempt(args).assertSuccess();
    }

    /** Runs {@code skopeo --insecure-policy ARGS}, which may fail. */
    ExternalProcess.Result attempt(String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.add("--insecure-policy"); // no dependency on /etc/containers/policy.json
        command.addAll(List.of(args));
        ExternalProcess.Result result = ExternalProcess.run(work, TIMEOUT, env, command.toArray(String[]::new));
        System.out.printf("skopeo %s: exit %d in %d ms%n", String.join(" ", args), result.exitCode(),
                result.took().toMillis());
        return result;
    }
}
