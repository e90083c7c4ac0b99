package io.wharf.storage.gcs;

import static io.wharf.storage.testkit.TestContent.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;

import io.wharf.domain.port.PathNotFoundException;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageWriter;
import io.wharf.storage.testkit.StorageDriverContract;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared contract over Google's in-process fake of GCS ({@code LocalStorageHelper}), plus what is
 * particular to GCS. The fake has no compose, so the appends here take the copy-forward plan: the contract's
 * appends are all below the default 16 MiB chunk, as are most appends in production. The compose plan runs
 * in {@link GcsStorageDriverEmulatorTest}, against a real endpoint.
 */
class GcsStorageDriverTest extends StorageDriverContract {
    final LocalStorage local = new LocalStorage();
    /** A client of the test's own, to look at the bucket behind the driver's back. */
    final Storage bucket = local.newClient();

    /** The object name prefix the driver is configured with. */
    String prefix() {
        return "";
    }

    @Override
    protected StorageDriver newDriver() {
        return new GcsStorageDriver(local.newClient(), new ObjectNames(LocalStorage.BUCKET, prefix()),
                GcsSettings.DEFAULT_CHUNK_SIZE);
    }

    @AfterEach
    void closeBucket() throws Exception {
        bucket.close();
    }

    @Test
    void objectsAreNamedByTheirPathInDistributionsLayout() throws IOException {
        String blob = "/docker/registry/v2/blobs/sha256/ab/abcdef/data";
        driver.putContent(blob, utf8("layer"));
        assertArrayEquals(utf8("layer"), bucket.readAllBytes(id("docker/registry/v2/blobs/sha256/ab/abcdef/data")));
    }

    @Test
    void listLeavesOutNamesNoStoragePathCanHave() throws IOException {
        driver.putContent("/a/data", utf8("x"));
        bucket.create(BlobInfo.newBuilder(id("a/data~append-0123456789abcdef")).build(), utf8("an append's temporary"));
        bucket.create(BlobInfo.newBuilder(id("a//double-slash")).build(), utf8("written by another tool"));
        assertEquals(List.of("/a/data"), driver.list("/a"));
    }

    /** Object stores allow it; a delete then takes both, as distribution's driver does. */
    @Test
    void aPathThatIsAnObjectAndADirectoryIsDeletedAsBoth() throws IOException {
        driver.putContent("/x", utf8("object"));
        driver.putContent("/x/child", utf8("below"));
        assertEquals(List.of("/x/child"), driver.list("/x"));
        driver.delete("/x");
        assertEquals(Optional.empty(), driver.stat("/x"));
        assertThrows(PathNotFoundException.class, () -> driver.list("/x"));
    }

    /** The core reopens an upload only to commit it: that must not rewrite the object (GCS would copy it whole). */
    @Test
    void aWriterClosedWithoutWritingLeavesTheObjectUntouched() throws IOException {
        bucket.create(BlobInfo.newBuilder(id("up/data")).setMetadata(Map.of("marker", "original")).build(),
                utf8("stored"));
        try (StorageWriter reopened = driver.writer("/up/data", true)) {
            assertEquals(6, reopened.size());
        }
        try (StorageWriter committing = secondInstance().writer("/up/data", true)) {
            committing.commit();
        }
        Blob after = bucket.get(id("up/data"));
        assertNotNull(after);
        assertEquals(Map.of("marker", "original"), after.getMetadata(), "the object was written again");
        assertArrayEquals(utf8("stored"), driver.getContent("/up/data"));
    }

    @Test
    void anAppendReplacesTheObjectOnlyAtClose() throws IOException {
        driver.putContent("/up/data", utf8("stored;"));
        try (StorageWriter writer = secondInstance().writer("/up/data", true)) {
            writer.write(utf8("more"), 0, 4);
            assertArrayEquals(utf8("stored;"), driver.getContent("/up/data"), "visible before close");
        }
        assertArrayEquals(utf8("stored;more"), driver.getContent("/up/data"));
    }

    /** Appends name the generation they continue: a concurrent replacement fails them instead of being lost. */
    @Test
    void anAppendFailsRatherThanOverwriteAConcurrentChange() throws IOException {
        try (StorageWriter first = driver.writer("/up/data", false)) {
            first.write(utf8("first;"), 0, 6);
        }
        StorageWriter appending = driver.writer("/up/data", true);
        secondInstance().putContent("/up/data", utf8("replaced"));
        assertThrows(IOException.class, () -> appending.write(utf8("more"), 0, 4));
        assertThrows(IllegalStateException.class, () -> appending.write(utf8("more"), 0, 4));
        assertThrows(IOException.class, appending::commit);
        appending.close(); // a failed writer finalises nothing
        assertArrayEquals(utf8("replaced"), driver.getContent("/up/data"));
    }

    @Test
    void nothingIsWrittenOutsideTheRootDirectory() throws IOException {
        driver.putContent("/a/b", utf8("1"));
        try (StorageWriter writer = driver.writer("/up/data", false)) {
            writer.write(utf8("2"), 0, 1);
        }
        driver.move("/up/data", "/c/d");
        driver.delete("/a");
        assertEquals(List.of(prefix() + "c/d"), allObjectNames());
    }

    List<String> allObjectNames() {
        List<String> names = new ArrayList<>();
        bucket.list(LocalStorage.BUCKET).iterateAll().forEach(blob -> names.add(blob.getName()));
        names.sort(null);
        return names;
    }

    BlobId id(String nameBelowRoot) {
        return BlobId.of(LocalStorage.BUCKET, prefix() + nameBelowRoot);
    }
}
