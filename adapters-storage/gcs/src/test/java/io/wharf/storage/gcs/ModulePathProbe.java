package io.wharf.storage.gcs;

import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageDriverFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Run by {@link ModulePathTest} in a JVM of its own, with only the module path: finds the driver by the
 * service loader as bootstrap does, makes one signed URL and sends one real request, and prints what happened.
 * Argument: a key file.
 */
public final class ModulePathProbe {
    private ModulePathProbe() {
    }

    public static void main(String[] args) throws IOException {
        // bootstrap declares the 'uses'; the driver module does not, so the probe adds it for itself
        ModulePathProbe.class.getModule().addUses(StorageDriverFactory.class);
        StorageDriverFactory factory = ServiceLoader.load(StorageDriverFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(found -> found.name().equals("gcs"))
                .findFirst()
                .orElseThrow();
        System.out.println("factory " + factory.getClass().getModule().getName());
        System.out.println("sdk " + com.google.cloud.storage.Storage.class.getModule().getName());
        try (StorageDriver signing = factory.create(new AdapterSettings("storage.gcs",
                Map.of("bucket", "my-bucket", "keyfile", args[0])))) {
            System.out.println("signed " + signing.redirectUrl("/a/b", Duration.ofMinutes(5)).orElseThrow());
        }
        // no key file: STORAGE_EMULATOR_HOST (set by the test) means no credentials, so the request itself is sent
        try (StorageDriver driver = factory.create(new AdapterSettings("storage.gcs",
                Map.of("bucket", "my-bucket", "maxretries", "0")))) {
            driver.stat("/a/b");
            System.out.println("stat succeeded");
        } catch (IOException e) {
            System.out.println("failed " + e.getMessage());
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                System.out.println("cause " + cause.getClass().getName());
            }
        }
    }
}
