package io.wharf.storage.testkit;

import io.wharf.domain.port.StorageDriverFactory;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds a storage driver factory the way bootstrap does, by {@link ServiceLoader} and name, so a
 * driver's test proves its {@code provides} clause is right. It lives here because a driver module
 * itself has no reason to declare {@code uses}.
 */
public final class StorageDriverFactories {
    private StorageDriverFactories() {
    }

    /** The factory whose {@link StorageDriverFactory#name()} is {@code name}, if one is on the module path. */
    public static Optional<StorageDriverFactory> byName(String name) {
        return ServiceLoader.load(StorageDriverFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(factory -> factory.name().equals(name))
                .findFirst();
    }
}
