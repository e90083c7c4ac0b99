package io.wharf.storage.gcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.storage.testkit.servers.TestServers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver as the registry starts it ({@code java -p modules -m io.wharf.bootstrap/...}): a JVM with the
 * driver's classes and runtime jars on the module path and no class path. Surefire's own run is close but not
 * the same: it leaves jars that no module requires (OpenTelemetry, ...) on the class path, where the automatic
 * SDK module would find them even if they could not be resolved as modules.
 */
class ModulePathTest {

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theDriverResolvesAndWorksFromTheModulePathAlone() throws Exception {
        Path keyfile = ServiceAccountKeys.generate().writeKeyFile(temp);
        String modulePath = System.getProperty("wharf.gcs.classes") + java.io.File.pathSeparator
                + Files.readString(Path.of(System.getProperty("wharf.gcs.runtime"))).trim();
        ProcessBuilder java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath,
                "--patch-module", "io.wharf.storage.gcs=" + System.getProperty("wharf.gcs.testClasses"),
                "-m", "io.wharf.storage.gcs/io.wharf.storage.gcs.ModulePathProbe",
                keyfile.toString())
                .redirectErrorStream(true);
        java.environment().remove("CLASSPATH");
        // nothing listens there: the request is refused at once, after the SDK's whole HTTP stack ran
        java.environment().put("STORAGE_EMULATOR_HOST", "127.0.0.1:" + TestServers.freePort());
        Process probe = java.start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(probe.waitFor(30, TimeUnit.SECONDS), output);
        assertEquals(0, probe.exitValue(), output);
        List<String> lines = output.lines().toList();
        assertTrue(lines.contains("factory io.wharf.storage.gcs"), output);
        assertTrue(lines.contains("sdk io.wharf.storage.gcs.sdk"), output);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("signed ") && line.contains("X-Goog-Signature=")), output);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("failed GCS stat of gs://my-bucket/a/b failed")), output);
        assertTrue(lines.contains("cause java.net.ConnectException"), output);
    }
}
