package io.wharf.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The runnable layout the build writes (what ./wharf serve puts on the module path): the core in
 * {@code modules/}, every cloud driver and SDK in {@code drivers/}, so shipping {@code modules/} alone
 * gives a registry with no cloud SDK in it.
 */
class ShippedModulesTest {
    private static final List<String> CLOUD_JARS = List.of("wharf-storage-s3", "wharf-storage-azure",
            "wharf-storage-gcs", "s3-", "aws-core", "apache5-client", "azure-storage-blob", "azure-core",
            "google-cloud", "grpc-");

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
        for (String expected : List.of("wharf-storage-s3", "wharf-storage-azure", "wharf-storage-gcs-0",
                "wharf-storage-gcs-sdk", "aws-core", "azure-storage-blob")) {
            assertTrue(drivers.stream().anyMatch(jar -> jar.startsWith(expected)), () -> expected + " in " + drivers);
        }
        assertTrue(drivers.stream().noneMatch(jar -> jar.startsWith("wharf-domain")),
                "the domain is in modules/ already: " + drivers);
    }

    /**
     * What the JVM checks when ./wharf serve starts: the registry, modules/ and drivers/ resolve, with
     * every service provider bound, into one module graph (no missing module, no package exported by two).
     */
    @Test
    void theWholeLayoutResolvesAsOneModuleGraph() {
        ModuleFinder system = ModuleFinder.ofSystem();
        Configuration jdk = Configuration.empty().resolve(system, ModuleFinder.of(),
                system.findAll().stream().map(module -> module.descriptor().name()).toList());
        ModuleFinder layout = ModuleFinder.of(target.resolve("classes"), target.resolve("modules"),
                target.resolve("drivers"));
        Configuration registry = Configuration.resolveAndBind(layout, List.of(jdk), ModuleFinder.of(),
                Set.of("io.wharf.bootstrap"));
        for (String driver : List.of("io.wharf.storage.filesystem", "io.wharf.storage.s3", "io.wharf.storage.azure",
                "io.wharf.storage.gcs")) {
            assertTrue(registry.findModule(driver).isPresent(), driver + " is not bound as a storage driver");
        }
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
