package io.wharf.storage.gcs;

import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.ServiceOptions;
import com.google.cloud.storage.HttpStorageOptions;
import com.google.cloud.storage.StorageOptions;

import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.InvalidSettingException;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageDriverFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * {@code storage.driver: gcs}. Settings (section {@code storage.gcs}, names as in distribution where it has
 * them): {@code bucket} (required), {@code keyfile}, {@code rootdirectory}, {@code chunksize}, {@code endpoint},
 * {@code maxretries}; see {@link GcsSettings}. Creating the driver reads the key file but sends no request, so
 * a wrong bucket or a missing permission shows at the first storage call, naming both.
 */
public final class GcsStorageDriverFactory implements StorageDriverFactory {
    /**
     * Sent as the project when nothing names one, so the SDK does not go looking for it (which asks the GCE
     * metadata server). No object call uses the project.
     */
    private static final String NO_PROJECT = "wharf-no-project";

    private final Map<String, String> environment;

    /** Public and argument-free because {@link java.util.ServiceLoader} instantiates it. */
    public GcsStorageDriverFactory() {
        this(System.getenv());
    }

    /** With {@code environment} in place of the process's, so tests can set {@code STORAGE_EMULATOR_HOST}. */
    GcsStorageDriverFactory(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String name() {
        return GcsStorageDriver.NAME;
    }

    @Override
    public Set<String> settingKeys() {
        return GcsSettings.KEYS;
    }

    @Override
    public StorageDriver create(AdapterSettings settings) {
        GcsSettings gcs = GcsSettings.from(settings, environment);
        return new GcsStorageDriver(options(gcs, settings).getService(), new ObjectNames(gcs.bucket(), gcs.prefix()),
                gcs.chunkSize());
    }

    static StorageOptions options(GcsSettings gcs, AdapterSettings settings) {
        Credentials credentials = credentials(gcs, settings);
        HttpStorageOptions.Builder options = StorageOptions.http()
                .setCredentials(credentials)
                .setRetrySettings(ServiceOptions.getDefaultRetrySettings().toBuilder()
                        .setMaxAttempts(gcs.maxRetries() + 1)
                        .build());
        gcs.endpoint().ifPresent(endpoint -> options.setHost(endpoint.toString()));
        if (credentials instanceof ServiceAccountCredentials account && account.getProjectId() != null) {
            options.setProjectId(account.getProjectId());
        } else if (credentials instanceof NoCredentials) {
            options.setProjectId(NO_PROJECT);
        }
        return options.build();
    }

    /**
     * The key file when set; else none when {@code STORAGE_EMULATOR_HOST} is set, as Google's Go client (and so
     * distribution) does, whether or not {@code endpoint} overrides its host; else the application default.
     */
    private static Credentials credentials(GcsSettings gcs, AdapterSettings settings) {
        if (gcs.keyfile().isPresent()) {
            return serviceAccount(gcs.keyfile().get(), settings.fullKey(GcsSettings.KEYFILE));
        }
        if (gcs.emulator()) {
            return NoCredentials.getInstance();
        }
        try {
            return GoogleCredentials.getApplicationDefault();
        } catch (IOException e) {
            throw new InvalidSettingException(settings.fullKey(GcsSettings.KEYFILE),
                    "is not set and there are no application default credentials: " + e.getMessage());
        }
    }

    private static Credentials serviceAccount(Path keyfile, String key) {
        try (InputStream in = Files.newInputStream(keyfile)) {
            return ServiceAccountCredentials.fromStream(in);
        } catch (IOException | RuntimeException e) {
            throw new InvalidSettingException(key, "'" + keyfile + "' cannot be read as a service account key (JSON): "
                    + e.getMessage());
        }
    }
}
