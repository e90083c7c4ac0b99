package io.wharf.bootstrap.config;

import io.wharf.domain.port.EventEndpointFactory;
import io.wharf.domain.port.MetadataCatalogFactory;
import io.wharf.domain.port.StorageDriverFactory;

import java.util.List;
import java.util.ServiceLoader;

/** Finds the adapters on the module path. */
public final class Adapters {
    private Adapters() {
    }

    public static AdapterCatalogue discover() {
        return new AdapterCatalogue(load(StorageDriverFactory.class), load(MetadataCatalogFactory.class),
                load(EventEndpointFactory.class));
    }

    private static <T> List<T> load(Class<T> service) {
        return ServiceLoader.load(service).stream().map(ServiceLoader.Provider::get).toList();
    }
}
