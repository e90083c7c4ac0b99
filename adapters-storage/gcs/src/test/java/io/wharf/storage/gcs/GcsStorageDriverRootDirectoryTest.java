package io.wharf.storage.gcs;

import static io.wharf.storage.testkit.TestContent.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Everything again with {@code rootdirectory} set: the driver sees, lists and deletes only what is below it. */
class GcsStorageDriverRootDirectoryTest extends GcsStorageDriverTest {

    @Override
    String prefix() {
        return "registry/root/";
    }

    @Test
    void objectsOutsideTheRootDirectoryAreNeitherListedNorDeleted() throws IOException {
        BlobId outside = BlobId.of(LocalStorage.BUCKET, "registry/rootless/data");
        BlobId above = BlobId.of(LocalStorage.BUCKET, "registry/other");
        bucket.create(BlobInfo.newBuilder(outside).build(), utf8("not ours"));
        bucket.create(BlobInfo.newBuilder(above).build(), utf8("not ours either"));
        driver.putContent("/registry/data", utf8("ours"));
        assertEquals(List.of("/registry"), driver.list("/"));
        driver.delete("/registry");
        assertEquals(List.of(), driver.list("/"));
        assertArrayEquals(utf8("not ours"), bucket.readAllBytes(outside));
        assertArrayEquals(utf8("not ours either"), bucket.readAllBytes(above));
    }
}
