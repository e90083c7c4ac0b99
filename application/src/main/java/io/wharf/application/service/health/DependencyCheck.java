package io.wharf.application.service.health;

import io.wharf.domain.port.CatalogPing;
import io.wharf.domain.port.PathNotFoundException;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StoragePaths;

import java.io.IOException;
import java.util.Objects;

/**
 * One dependency to check, under the name the health endpoints report it by.
 *
 * @param name  distribution's style: {@code storagedriver_<driver>}, {@code catalog_<type>}
 * @param probe returns when the dependency answered, throws when it did not
 */
public record DependencyCheck(String name, Probe probe) {

    /** A cheap call to the dependency; may block, since {@link HealthService} bounds and interrupts it. */
    @FunctionalInterface
    public interface Probe {
        void run() throws Exception;
    }

    public DependencyCheck {
        Objects.requireNonNull(name);
        Objects.requireNonNull(probe);
    }

    /** {@code catalog_<type>}: a round trip to the catalog's database. */
    public static DependencyCheck catalog(String type, CatalogPing catalog) {
        return new DependencyCheck("catalog_" + type, catalog::ping);
    }

    /**
     * {@code storagedriver_<driver>}, distribution's name: lists the storage root, one request.
     *
     * <p>Not a {@code stat} of a missing path, as distribution does: a stat answers "absent" in cases where
     * the storage is unusable (the filesystem driver when its root is a regular file, S3 when the bucket is
     * gone, since HEAD's 404 carries no reason). Every driver promises the root exists (the contract suite
     * checks it) and lists only its direct children, which in distribution's layout is the one name
     * {@code docker}; so a listing that fails, even with "not found", means storage cannot serve.
     */
    public static DependencyCheck storage(StorageDriver driver) {
        return new DependencyCheck("storagedriver_" + driver.name(), () -> {
            try {
                driver.list(StoragePaths.ROOT);
            } catch (PathNotFoundException e) {
                // without the cause: "no object at /" would only blur the message
                throw new IOException("the storage root is missing or not a directory");
            }
        });
    }
}
