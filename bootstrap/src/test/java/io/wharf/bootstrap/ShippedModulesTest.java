package io.wharf.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The runnable layout the build writes (what ./wharf serve puts on the module path): the core in
 * {@code modules/}, every cloud driver and SDK in {@code drivers/}, so shipping {@code modules/} alone
 * gives a registry with no cloud SDK in it.
 */
class ShippedModulesTest {
    private static final List<String> CLOUD_JARS = List.of("wharf-storage-s3", "wharf-storage-azure", "s3-",
            "aws-core", "apache5-client", "azure-storage-blob", "azure-core");

    private final Path target = Path.of(System.getProperty("wharf.test.layout", "target"));

    @Test
    void theCoreModulesCarryNoCloudSdk() throws IOException {
        List<String> modules = jars(target.resolve("modules"));
        assertTrue(modules.stream().anyMatch(jar -> jar.startsWith("wharf-storage-filesystem")), modules::toString);
        assertEquals(List.of(), modules.stream().filter(ShippedModulesTest::isCloud).toList());
    }

    @Test
    void theCloudDriversShipApartWithTheirSdks() throws IOException {
        List<String> drivers = jars(target.resolve("drivers"));
        for (String expected : List.of("wharf-storage-s3", "wharf-storage-azure", "aws-core", "azure-storage-blob")) {
            assertTrue(drivers.stream().anyMatch(jar -> jar.startsWith(expected)), () -> expected + " in " + drivers);
        }
        assertTrue(drivers.stream().noneMatch(jar -> jar.startsWith("wharf-domain")),
                "the domain is in modules/ already: " + drivers);
    }

    private static boolean isCloud(String jar) {
        return CLOUD_JARS.stream().anyMatch(jar::startsWith);
    }

    private static List<String> jars(Path directory) throws IOException {
        assertTrue(Files.isDirectory(directory), directory + " is missing");
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
