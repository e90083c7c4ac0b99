package io.wharf.storage.filesystem;

import static io.wharf.storage.testkit.TestContent.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageWriter;
import io.wharf.storage.testkit.StorageDriverContract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared contract over a temporary directory, plus what is particular to files on disk. */
class FilesystemStorageDriverTest extends StorageDriverContract {

    @TempDir
    Path root;

    @Override
    protected StorageDriver newDriver() {
        return new FilesystemStorageDriver(root);
    }

    @Test
    void pathsMapOntoTheDiskInDistributionsLayout() throws IOException {
        String blob = "/docker/registry/v2/blobs/sha256/ab/abcdef/data";
        driver.putContent(blob, utf8("layer"));
        Path onDisk = root.resolve("docker/registry/v2/blobs/sha256/ab/abcdef/data");
        assertArrayEquals(utf8("layer"), Files.readAllBytes(onDisk));
    }

    /** Files and directories cannot share a name, so this driver refuses what object stores allow. */
    @Test
    void putUnderAFileOrOntoADirectoryFails() throws IOException {
        driver.putContent("/a/object", utf8("x"));
        driver.putContent("/a/dir/child", utf8("y"));
        assertThrows(IOException.class, () -> driver.putContent("/a/object/child", utf8("z")));
        assertThrows(IOException.class, () -> driver.putContent("/a/dir", utf8("z")));
        assertArrayEquals(utf8("x"), driver.getContent("/a/object"));
        assertArrayEquals(utf8("y"), driver.getContent("/a/dir/child"));
    }

    @Test
    void pathsThatBypassedTheCoreStillCannotLeaveTheRoot() {
        assertThrows(IllegalArgumentException.class, () -> driver.getContent("/../outside"));
        assertThrows(IllegalArgumentException.class, () -> driver.putContent("/a/../../outside", utf8("x")));
        assertThrows(IllegalArgumentException.class, () -> driver.list("/.."));
    }

    @Test
    void existingFilesAreReadInPlace() throws IOException {
        Path onDisk = root.resolve("docker/registry/v2/repositories/library/app/_layers/sha256/ab/link");
        Files.createDirectories(onDisk.getParent());
        Files.writeString(onDisk, "sha256:ab");
        assertArrayEquals(utf8("sha256:ab"),
                driver.getContent("/docker/registry/v2/repositories/library/app/_layers/sha256/ab/link"));
    }

    @Test
    void noTemporaryOrEmptyDirectoriesAreLeftBehind() throws IOException {
        driver.putContent("/a/b", utf8("one"));
        driver.putContent("/a/b", utf8("two"));
        driver.putContent("/a/dir/c", utf8("three"));
        driver.delete("/a/dir");
        try (StorageWriter writer = driver.writer("/up/data", false)) {
            writer.write(utf8("x"), 0, 1);
            writer.commit();
        }
        driver.move("/up/data", "/a/moved");
        assertEquals(List.of("a", "a/b", "a/moved"), relativeTree());
    }

    @Test
    void listLeavesOutTheDriversOwnFiles() throws IOException {
        driver.putContent("/a/data", utf8("x"));
        Files.writeString(root.resolve("a/data~tmp-123"), "left by a crash");
        Files.createDirectories(root.resolve("a/dir~deleting-456"));
        assertEquals(List.of("/a/data"), driver.list("/a"));
    }

    @Test
    void deleteTidiesEmptyParentsButKeepsTheRoot() throws IOException {
        driver.putContent("/docker/registry/v2/blobs/sha256/ab/abcdef/data", utf8("x"));
        driver.putContent("/docker/registry/v2/repositories/app/link", utf8("y"));
        driver.delete("/docker/registry/v2/blobs/sha256/ab/abcdef/data");
        assertEquals(List.of("docker", "docker/registry", "docker/registry/v2", "docker/registry/v2/repositories",
                "docker/registry/v2/repositories/app", "docker/registry/v2/repositories/app/link"), relativeTree());
        driver.delete("/docker/registry/v2/repositories/app/link");
        assertEquals(List.of(), relativeTree());
        assertTrue(Files.isDirectory(root));
    }

    @Test
    void appendedBytesAreOnDiskAfterClose() throws IOException {
        try (StorageWriter writer = driver.writer("/up/data", false)) {
            writer.write(utf8("abc"), 0, 3);
        }
        assertEquals(3, Files.size(root.resolve("up/data")));
    }

    private List<String> relativeTree() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(path -> !path.equals(root))
                    .map(path -> root.relativize(path).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }
}
