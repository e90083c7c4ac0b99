package io.wharf.domain.port;

import java.util.Set;

/** Service-loaded: makes a storage driver from its configuration section. */
public interface StorageDriverFactory {
    /** The value of {@code storage.driver} that selects this driver. */
    String name();

    Set<String> settingKeys();

    StorageDriver create(AdapterSettings settings);
}
