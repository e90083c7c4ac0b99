package io.wharf.storage.gcs;

import static io.wharf.storage.testkit.TestContent.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BucketInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobListOption;

import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageWriter;
import io.wharf.storage.testkit.StorageDriverContract;
import io.wharf.storage.testkit.TestContent.Summary;
import io.wharf.storage.testkit.TestContent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract against a real GCS JSON API endpoint: an emulator (fake-gcs-server, the Firebase storage emulator)
 * or GCS itself, named by {@code STORAGE_EMULATOR_HOST}. Skipped when that is unset: no such server can be
 * installed on the build machines, so this is run by hand, e.g.
 * <pre>
 *   fake-gcs-server -scheme http -host 127.0.0.1 -port 4443 -backend memory &amp;
 *   STORAGE_EMULATOR_HOST=127.0.0.1:4443 ./mvnw -pl adapters-storage/gcs -am verify -Dtest=GcsStorageDriverEmulatorTest
 * </pre>
 * Optional: {@code WHARF_GCS_TEST_BUCKET} (default {@value #DEFAULT_BUCKET}, created when missing) and
 * {@code WHARF_GCS_TEST_KEYFILE}, a service account key: requests are then authenticated (needed against GCS)
 * and redirect URLs are offered and fetched.
 *
 * <p>Drivers here go through the factory with {@code chunksize} at its 256 KiB minimum, so the contract's
 * multi-MiB appends take the compose plan, which Google's in-process fake cannot run, and uploads span many
 * chunks. Tree deletes go through the JSON API's batch requests. Each test has a root directory of its own.
 */
class GcsStorageDriverEmulatorTest extends StorageDriverContract {
    static final String DEFAULT_BUCKET = "wharf-contract";

    private static final String ENDPOINT = System.getenv(GcsSettings.EMULATOR_HOST);
    private static final String KEYFILE = System.getenv("WHARF_GCS_TEST_KEYFILE");
    private static final String BUCKET = System.getenv().getOrDefault("WHARF_GCS_TEST_BUCKET", DEFAULT_BUCKET);

    private final String root = "wharf-contract-test/" + UUID.randomUUID();

    @BeforeAll
    @SuppressWarnings("try") // Storage.close() declares Exception; a test may throw it
    static void requireAnEndpoint() throws Exception {
        assumeTrue(ENDPOINT != null && !ENDPOINT.isBlank(), "STORAGE_EMULATOR_HOST is not set: the GCS contract against "
                + "a real endpoint is skipped (start fake-gcs-server and set STORAGE_EMULATOR_HOST=host:port to run it)");
        try (Storage client = client()) {
            if (client.get(BUCKET) == null) {
                client.create(BucketInfo.of(BUCKET));
            }
        }
    }

    @Override
    protected StorageDriver newDriver() {
        return new GcsStorageDriverFactory(System.getenv()).create(settings(Map.of("rootdirectory", root,
                "chunksize", String.valueOf(GcsSettings.CHUNK_UNIT))));
    }

    @Override
    protected boolean offersRedirects() {
        return KEYFILE != null;
    }

    @AfterEach
    @SuppressWarnings("try")
    void deleteTheTestsObjects() throws Exception {
        try (Storage client = client()) {
            for (Blob blob : client.list(BUCKET, BlobListOption.prefix(root + "/")).iterateAll()) {
                client.delete(blob.getBlobId());
            }
        }
    }

    @Test
    @SuppressWarnings("try")
    void anAppendOfAChunkOrMoreIsComposedAndLeavesNoTemporary() throws Exception {
        byte[] first = random(21, 3 * GcsSettings.CHUNK_UNIT + 5);
        byte[] second = random(22, 1001);
        try (StorageWriter writer = driver.writer("/up/data", false)) {
            writer.write(first, 0, first.length);
        }
        try (StorageWriter writer = secondInstance().writer("/up/data", true)) {
            writer.write(second, 0, second.length);
        }
        byte[] whole = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, whole, first.length, second.length);
        assertEquals(Summary.of(whole, 0), TestContent.summarize(driver.reader("/up/data", 0)));
        try (Storage client = client()) {
            assertEquals(2, client.get(BlobId.of(BUCKET, root + "/up/data")).getComponentCount(), "not composed");
            List<String> names = new ArrayList<>();
            client.list(BUCKET, BlobListOption.prefix(root + "/")).iterateAll().forEach(blob -> names.add(blob.getName()));
            assertEquals(List.of(root + "/up/data"), names);
        }
    }

    private static AdapterSettings settings(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(extra);
        values.put("bucket", BUCKET);
        if (KEYFILE != null) {
            values.put("keyfile", KEYFILE);
        }
        return new AdapterSettings("storage.gcs", values);
    }

    /** A client of the test's own, configured exactly as the drivers' are. */
    private static Storage client() throws IOException {
        AdapterSettings settings = settings(Map.of());
        return GcsStorageDriverFactory.options(GcsSettings.from(settings, System.getenv()), settings).getService();
    }
}
