package io.wharf.storage.azure;

import static io.wharf.storage.testkit.TestContent.random;
import static io.wharf.storage.testkit.TestContent.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.PathNotFoundException;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageWriter;
import io.wharf.storage.testkit.StorageDriverContract;
import io.wharf.storage.testkit.TestContent;
import io.wharf.storage.testkit.TestContent.Summary;
import io.wharf.storage.testkit.servers.AzuriteServer;

import com.azure.storage.blob.models.BlockListType;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared contract against Azurite, plus what is particular to block blobs. One Azurite per test class;
 * every test has a container of its own, so tests do not see each other's blobs while every instance made
 * in one test shares them.
 */
class AzureStorageDriverTest extends StorageDriverContract {
    /** Small blocks, so the contract's larger writes are many blocks staged in parallel. */
    private static final int SMALL_BLOCKS = 1 << 20;

    static AzuriteServer azurite;

    protected final String container = "wharf-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);

    @BeforeAll
    static void startAzurite() throws IOException {
        azurite = AzuriteServer.start();
    }

    @AfterAll
    static void stopAzurite() throws IOException {
        if (azurite != null) {
            azurite.close();
        }
    }

    @Override
    protected StorageDriver newDriver() {
        return new AzureStorageDriverFactory().create(new AdapterSettings("storage.azure", settings()));
    }

    @Override
    protected boolean offersRedirects() {
        return true;
    }

    /** The settings of every instance in this test; subclasses vary them. */
    protected Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("accountname", azurite.accountName());
        settings.put("accountkey", azurite.accountKey());
        settings.put("endpoint", azurite.blobEndpoint());
        settings.put("container", container);
        settings.put("createcontainer", "true");
        settings.put("blocksize", Integer.toString(SMALL_BLOCKS));
        settings.put("parallelblocks", "3");
        settings.put("maxretries", "1");
        return settings;
    }

    /** Direct access to the container, to look at blobs as Azure stores them. */
    protected AzureConnection rawConnection() {
        return new AzureConnection(AzureStorageDriverFactory.parse(new AdapterSettings("storage.azure", settings())));
    }

    /** What the blob name of {@code path} is in this test's layout. */
    protected String blobName(String path) {
        return path.substring(1);
    }

    @Test
    void manyBlocksFromSeveralWritersFormOneBlobWithoutCopying() throws IOException {
        String upload = "/r/_uploads/many/data";
        byte[] all = random(21, 7 * SMALL_BLOCKS + 12_345);
        int[] cuts = {0, SMALL_BLOCKS / 2, 3 * SMALL_BLOCKS + 17, 3 * SMALL_BLOCKS + 18, all.length};
        StorageDriver[] instances = {driver, secondInstance()};
        driver.writer(upload, false).close();
        for (int i = 0; i + 1 < cuts.length; i++) {
            try (StorageWriter writer = instances[i % 2].writer(upload, true)) {
                assertEquals(cuts[i], writer.size());
                // odd piece sizes, so blocks are cut inside write calls as well as between them
                for (int at = cuts[i]; at < cuts[i + 1]; at += 300_001) {
                    writer.write(all, at, Math.min(300_001, cuts[i + 1] - at));
                }
            }
            assertEquals(cuts[i + 1], instances[(i + 1) % 2].stat(upload).orElseThrow().size());
        }
        assertEquals(Summary.of(all, 0), TestContent.summarize(driver.reader(upload, 0)));
        try (AzureConnection raw = rawConnection()) {
            var blocks = raw.target(upload).client().getBlockBlobClient().listBlocks(BlockListType.ALL);
            // writer 1: half a block; 2: 2 full and a partial one; 3: 1 byte; 4: 4 full and a partial one
            assertEquals(1 + 3 + 1 + 5, blocks.getCommittedBlocks().size());
            assertEquals(List.of(), blocks.getUncommittedBlocks());
            assertTrue(blocks.getCommittedBlocks().stream().allMatch(block -> block.getName().length() == BlockIds.LENGTH));
        }
    }

    @Test
    void untilCloseTheOldVersionIsWhatReadersSee() throws IOException {
        driver.putContent("/a/b", utf8("old"));
        try (StorageWriter writer = driver.writer("/a/b", false)) {
            writer.write(random(22, 3 * SMALL_BLOCKS), 0, 3 * SMALL_BLOCKS);
            assertArrayEquals(utf8("old"), secondInstance().getContent("/a/b"));
            assertEquals(3, driver.stat("/a/b").orElseThrow().size());
        }
        assertEquals(3 * SMALL_BLOCKS, driver.stat("/a/b").orElseThrow().size());
    }

    @Test
    void aStaleWriterCannotOverwriteNewerContent() throws IOException {
        try (StorageWriter writer = driver.writer("/up/data", false)) {
            writer.write(utf8("base;"), 0, 5);
        }
        StorageWriter stale = driver.writer("/up/data", true);
        try (StorageWriter newer = secondInstance().writer("/up/data", true)) {
            newer.write(utf8("newer;"), 0, 6);
        }
        stale.write(utf8("stale;"), 0, 6);
        IOException refused = assertThrows(IOException.class, stale::close);
        assertTrue(refused.getMessage().contains("changed since this writer opened it"), refused.getMessage());
        assertArrayEquals(utf8("base;newer;"), driver.getContent("/up/data"));
    }

    /** putContent makes a blob in one Put Blob; a writer continuing it still gets every byte in order. */
    @Test
    void appendingToAPutBlobKeepsItsBytes() throws IOException {
        byte[] first = random(23, SMALL_BLOCKS + 5);
        driver.putContent("/a/put", first);
        try (StorageWriter writer = secondInstance().writer("/a/put", true)) {
            assertEquals(first.length, writer.size());
            writer.write(utf8("tail"), 0, 4);
            assertEquals(first.length + 4, writer.size());
        }
        byte[] expected = Arrays.copyOf(first, first.length + 4);
        System.arraycopy(utf8("tail"), 0, expected, first.length, 4);
        assertArrayEquals(expected, driver.getContent("/a/put"));
    }

    /** A writer that died before committing leaves staged blocks on a blob that does not exist yet. */
    @Test
    void appendingAfterAWriterDiedBeforeItsCommitStartsEmpty() throws IOException {
        try (AzureConnection raw = rawConnection()) {
            raw.target("/up/data").client().getBlockBlobClient().stageBlock(new BlockIds().next(),
                    com.azure.core.util.BinaryData.fromString("lost"));
        }
        assertEquals(Optional.empty(), driver.stat("/up/data"));
        try (StorageWriter writer = secondInstance().writer("/up/data", true)) {
            assertEquals(0, writer.size());
            writer.write(utf8("abc"), 0, 3);
        }
        assertArrayEquals(utf8("abc"), driver.getContent("/up/data"));
        try (StorageWriter writer = driver.writer("/up/data", true)) {
            assertEquals(3, writer.size());
            writer.write(utf8("def"), 0, 3);
        }
        assertArrayEquals(utf8("abcdef"), driver.getContent("/up/data"));
    }

    @Test
    void cancelOfANeverCommittedWriterLeavesNoBlocks() throws IOException {
        StorageWriter writer = driver.writer("/up/never", true);
        writer.write(random(24, 2 * SMALL_BLOCKS + 1), 0, 2 * SMALL_BLOCKS + 1);
        writer.cancel();
        assertEquals(Optional.empty(), driver.stat("/up/never"));
        try (AzureConnection raw = rawConnection()) {
            assertFalse(raw.container().listBlobs(new com.azure.storage.blob.models.ListBlobsOptions()
                    .setDetails(new com.azure.storage.blob.models.BlobListDetails().setRetrieveUncommittedBlobs(true)),
                    null).iterator().hasNext(), "uncommitted blocks left behind");
        }
    }

    /** A reader pins the version it started on; later chunks of a replaced blob fail rather than mix. */
    @Test
    void aBlobReplacedWhileReadFailsTheReadInsteadOfMixingVersions() throws IOException {
        driver.putContent("/a/big", random(26, 9 << 20));
        try (java.io.InputStream in = driver.reader("/a/big", 0)) {
            assertEquals(4 << 20, in.readNBytes(4 << 20).length);
            secondInstance().putContent("/a/big", random(27, 9 << 20));
            IOException e = assertThrows(IOException.class, in::readAllBytes);
            assertTrue(e.getMessage().startsWith("Azure read failed (container '" + container + "', blob '"
                    + blobName("/a/big") + "'): HTTP 412"), e.getMessage());
        }
    }

    /** The limit is Azure's 50,000 committed blocks; a small one here shows the writer stops before the service does. */
    @Test
    void aWriterStopsAtTheBlockLimitNamingIt() throws IOException {
        try (AzureConnection raw = rawConnection()) {
            BlockStager stager = new BlockStager(raw.target("/up/limit"), raw.workers(), SMALL_BLOCKS, 2, 2);
            byte[] block = random(28, SMALL_BLOCKS);
            stager.write(block, 0, block.length);
            stager.write(block, 0, block.length);
            IOException e = assertThrows(IOException.class, () -> stager.write(block, 0, block.length));
            assertTrue(e.getMessage().contains("50000 committed blocks"), e.getMessage());
            stager.abandon();
        }
    }

    @Test
    void blobsAreNamedByTheirPath() throws IOException {
        driver.putContent("/docker/registry/v2/blobs/sha256:ab/data", utf8("x"));
        try (AzureConnection raw = rawConnection()) {
            List<String> names = raw.container().listBlobs().stream().map(item -> item.getName()).toList();
            assertEquals(List.of(blobName("/docker/registry/v2/blobs/sha256:ab/data")), names);
        }
    }

    @Test
    void aWrongAccountKeyFailsWithAClearIOException() throws IOException {
        Map<String, String> wrong = new HashMap<>(settings());
        String badKey = java.util.Base64.getEncoder().encodeToString(random(25, 64));
        wrong.put("accountkey", badKey);
        try (StorageDriver refused = new AzureStorageDriver(new AzureConnection(
                AzureStorageDriverFactory.parse(new AdapterSettings("storage.azure", wrong))))) {
            IOException e = assertThrows(IOException.class, () -> refused.getContent("/a/b"));
            assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
            // Azure says AuthenticationFailed, Azurite AuthorizationFailure
            assertTrue(e.getMessage().contains("HTTP 403 AuthenticationFailed")
                    || e.getMessage().contains("HTTP 403 AuthorizationFailure"), e.getMessage());
            assertTrue(e.getMessage().contains(container), e.getMessage());
            assertTrue(e.getMessage().contains("'" + blobName("/a/b") + "'"), e.getMessage());
            assertFalse(e.getMessage().contains(badKey), "the key leaked into " + e.getMessage());
            assertThrows(IOException.class, () -> refused.putContent("/a/b", utf8("x")));
            assertThrows(IOException.class, () -> refused.list("/"));
            assertFalse(e instanceof PathNotFoundException);
        }
    }
}
