package io.wharf.domain.port;

import java.util.Set;

/** Service-loaded: opens a metadata catalog from its configuration section. */
public interface MetadataCatalogFactory {
    /** The value of {@code catalog.type} that selects this catalog. */
    String name();

    Set<String> settingKeys();

    /** Opens the catalog, telling {@code observer} of every statement it runs. */
    MetadataCatalog open(AdapterSettings settings, CatalogObserver observer);

    /** Opens the catalog for work nobody observes, such as the admin commands. */
    default MetadataCatalog open(AdapterSettings settings) {
        return open(settings, CatalogObserver.NONE);
    }
}
