package io.wharf.storage.filesystem;

import static io.wharf.storage.testkit.TestContent.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.InvalidSettingException;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageDriverFactory;
import io.wharf.storage.testkit.StorageDriverFactories;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemStorageDriverFactoryTest {
    private static final String SECTION = "storage.filesystem";

    @TempDir
    Path temp;

    private final StorageDriverFactory factory = new FilesystemStorageDriverFactory();

    @Test
    void isFoundByServiceLoaderUnderItsName() {
        StorageDriverFactory found = StorageDriverFactories.byName("filesystem").orElseThrow();
        assertInstanceOf(FilesystemStorageDriverFactory.class, found);
        assertEquals(Set.of("rootdirectory"), found.settingKeys());
    }

    @Test
    void createsAWorkingDriverAndItsRootDirectory() throws IOException {
        Path root = temp.resolve("new/root");
        try (StorageDriver driver = factory.create(settings(Map.of("rootdirectory", root.toString())))) {
            assertEquals("filesystem", driver.name());
            driver.putContent("/a/b", utf8("x"));
            assertArrayEquals(utf8("x"), Files.readAllBytes(root.resolve("a/b")));
        }
    }

    @Test
    void aMissingRootDirectoryNamesItsKey() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> factory.create(settings(Map.of())));
        assertEquals("storage.filesystem.rootdirectory", e.key());
    }

    @Test
    void aBlankRootDirectoryNamesItsKey() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> factory.create(settings(Map.of("rootdirectory", "  "))));
        assertEquals("storage.filesystem.rootdirectory", e.key());
    }

    @Test
    void aRootDirectoryThatIsAFileNamesItsKey() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "not a directory");
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> factory.create(settings(Map.of("rootdirectory", file.toString()))));
        assertEquals("storage.filesystem.rootdirectory", e.key());
    }

    @Test
    void anUnknownKeyIsRejected() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> factory.create(settings(Map.of("rootdirectory", temp.toString(), "maxthreads", "100"))));
        assertEquals("storage.filesystem.maxthreads", e.key());
        assertTrue(e.getMessage().contains("rootdirectory"), e.getMessage());
    }

    private static AdapterSettings settings(Map<String, String> values) {
        return new AdapterSettings(SECTION, values);
    }
}
