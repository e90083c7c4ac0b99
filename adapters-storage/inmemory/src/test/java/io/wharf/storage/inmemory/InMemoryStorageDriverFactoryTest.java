package io.wharf.storage.inmemory;

import static io.wharf.storage.testkit.TestContent.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.InvalidSettingException;
import io.wharf.domain.port.PathNotFoundException;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageDriverFactory;
import io.wharf.storage.testkit.StorageDriverFactories;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class InMemoryStorageDriverFactoryTest {
    private final StorageDriverFactory factory = new InMemoryStorageDriverFactory();

    @Test
    void isFoundByServiceLoaderUnderItsName() {
        StorageDriverFactory found = StorageDriverFactories.byName("inmemory").orElseThrow();
        assertInstanceOf(InMemoryStorageDriverFactory.class, found);
        assertEquals(Set.of(), found.settingKeys());
    }

    @Test
    void driversFromTheFactoryDoNotShareStorage() throws IOException {
        try (StorageDriver one = factory.create(settings(Map.of()));
                StorageDriver two = factory.create(settings(Map.of()))) {
            assertEquals("inmemory", one.name());
            one.putContent("/a/b", utf8("x"));
            assertArrayEquals(utf8("x"), one.getContent("/a/b"));
            assertThrows(PathNotFoundException.class, () -> two.getContent("/a/b"));
        }
    }

    @Test
    void anyKeyIsRejected() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> factory.create(settings(Map.of("rootdirectory", "/tmp"))));
        assertEquals("storage.inmemory.rootdirectory", e.key());
    }

    private static AdapterSettings settings(Map<String, String> values) {
        return new AdapterSettings("storage.inmemory", values);
    }
}
