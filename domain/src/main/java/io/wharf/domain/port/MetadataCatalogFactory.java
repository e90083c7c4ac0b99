package io.wharf.domain.port;

import java.util.Set;

/** Service-loaded: opens a metadata catalog from its configuration section. */
public interface MetadataCatalogFactory {
    /** The value of {@code catalog.type} that selects this catalog. */
    String name();

    Set<String> settingKeys();

    MetadataCatalog open(AdapterSettings settings);
}
