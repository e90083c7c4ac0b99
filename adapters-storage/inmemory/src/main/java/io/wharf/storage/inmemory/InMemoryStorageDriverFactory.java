package io.wharf.storage.inmemory;

import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageDriverFactory;

import java.util.Set;

/** {@code storage.driver: inmemory}; no settings. Every driver it creates has storage of its own. */
public final class InMemoryStorageDriverFactory implements StorageDriverFactory {

    /** Public and argument-free because {@link java.util.ServiceLoader} instantiates it. */
    public InMemoryStorageDriverFactory() {
    }

    @Override
    public String name() {
        return InMemoryStorageDriver.NAME;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of();
    }

    @Override
    public StorageDriver create(AdapterSettings settings) {
        settings.rejectUnknown(settingKeys());
        return new InMemoryStorageDriver(new InMemoryStore());
    }
}
