package io.wharf.storage.azure;

import static io.wharf.storage.testkit.TestContent.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.azure.core.util.BinaryData;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Everything again below a {@code rootdirectory}, with the default parallelism: the prefix must be
 * invisible to the core, and blobs outside it must not be seen or touched.
 */
class AzureStorageDriverRootDirectoryTest extends AzureStorageDriverTest {
    private static final String ROOT = "tenants/one";

    @Override
    protected Map<String, String> settings() {
        Map<String, String> settings = super.settings();
        settings.put("rootdirectory", "/" + ROOT + "/");
        settings.remove("parallelblocks");
        return settings;
    }

    @Override
    protected String blobName(String path) {
        return ROOT + path;
    }

    @Test
    void blobsOutsideTheRootAreNeitherSeenNorTouched() throws IOException {
        try (AzureConnection raw = rawConnection()) {
            raw.container().getBlobClient("tenants/two/a").upload(BinaryData.fromString("other"));
            raw.container().getBlobClient("top").upload(BinaryData.fromString("other"));
            driver.putContent("/a", utf8("mine"));
            assertEquals(List.of("/a"), driver.list("/"));
            driver.delete("/a");
            assertEquals(List.of(), driver.list("/"));
            assertArrayEquals(utf8("other"), raw.container().getBlobClient("tenants/two/a").downloadContent().toBytes());
            assertEquals(List.of("tenants/two/a", "top"),
                    raw.container().listBlobs().stream().map(item -> item.getName()).toList());
        }
    }
}
