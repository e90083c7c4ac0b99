package io.wharf.storage.testkit;

import static io.wharf.storage.testkit.TestContent.random;
import static io.wharf.storage.testkit.TestContent.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.domain.port.PathNotFoundException;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageStat;
import io.wharf.domain.port.StorageWriter;
import io.wharf.storage.testkit.TestContent.Summary;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link StorageDriver} must have. A driver's test extends this class and supplies
 * {@link #newDriver()}; everything else is shared so all drivers agree.
 *
 * <p>Paths reach drivers already checked: the core wraps every driver in a decorator that rejects
 * malformed paths (see {@code StoragePaths}), so drivers neither repeat nor are tested for it.
 *
 * <p>Decisions this suite pins down (the port leaves them open):
 * <ul>
 *   <li>{@code list} of a missing directory, or of an object, throws {@link PathNotFoundException} (as distribution does);
 *       the root {@code "/"} always exists, so listing it gives an empty list on empty storage.</li>
 *   <li>Directories exist only while they hold objects: deleting or moving away the last one removes them.
 *       Whether a path may be an object and a directory at once is left open: object stores cannot refuse it
 *       cheaply, and the registry's layout never asks for it.</li>
 *   <li>{@code reader} at or past the end gives an empty stream; a negative offset is an {@link IllegalArgumentException}.</li>
 *   <li>{@code writer(path, true)} on a missing object starts an empty one.</li>
 *   <li>What a writer wrote is readable at its path once the writer is closed, from any instance; an upload's
 *       size and bytes are read back that way when its next chunk lands elsewhere.</li>
 *   <li>{@code move} only moves objects: a directory or missing source is a {@link PathNotFoundException}.</li>
 *   <li>Using a writer after {@code commit}, {@code cancel} or {@code close} is an {@link IllegalStateException};
 *       {@code close} after {@code commit} is a no-op so try-with-resources works.</li>
 *   <li>A driver that offers redirect URLs ({@link #offersRedirects()}) gives URLs that download the object's
 *       bytes without credentials; other drivers give none.</li>
 * </ul>
 */
public abstract class StorageDriverContract {

    /** Looks like a real blob path, so the layout's depth and characters are exercised. */
    private static final String BLOB = "/docker/registry/v2/blobs/sha256/ab/ab12cd34/data";

    // concurrent tests open instances from several threads
    private final List<StorageDriver> opened = new CopyOnWriteArrayList<>();

    /** The driver under test. */
    protected StorageDriver driver;

    /**
     * A new driver instance over the test's storage. Called once per test, and again when a test
     * simulates a second registry instance: every instance made in one test must see the same objects.
     */
    protected abstract StorageDriver newDriver() throws IOException;

    /** Whether the driver hands out direct download URLs; cloud drivers override this to say yes. */
    protected boolean offersRedirects() {
        return false;
    }

    /** Another instance over the same storage, closed after the test. */
    protected final StorageDriver secondInstance() throws IOException {
        StorageDriver second = newDriver();
        opened.add(second);
        return second;
    }

    @BeforeEach
    final void openDriver() throws IOException {
        driver = secondInstance();
    }

    @AfterEach
    final void closeDrivers() throws IOException {
        for (StorageDriver each : opened) {
            each.close();
        }
    }

    // ---- putContent / getContent ----

    @Test
    public void putThenGetReturnsTheSameBytes() throws IOException {
        byte[] content = random(1, 4321);
        driver.putContent(BLOB, content);
        assertArrayEquals(content, driver.getContent(BLOB));
    }

    @Test
    public void putReplacesAnExistingObject() throws IOException {
        driver.putContent("/a/b", utf8("a longer first version"));
        driver.putContent("/a/b", utf8("short"));
        assertArrayEquals(utf8("short"), driver.getContent("/a/b"));
        assertEquals(5, driver.stat("/a/b").orElseThrow().size());
    }

    @Test
    public void putOfEmptyContentMakesAnEmptyObject() throws IOException {
        driver.putContent("/a/empty", new byte[0]);
        assertArrayEquals(new byte[0], driver.getContent("/a/empty"));
        assertEquals(0, driver.stat("/a/empty").orElseThrow().size());
    }

    @Test
    public void putDoesNotKeepTheCallersArray() throws IOException {
        byte[] content = utf8("original");
        driver.putContent("/a/b", content);
        content[0] = 'X';
        assertArrayEquals(utf8("original"), driver.getContent("/a/b"));
    }

    @Test
    public void putIsSeenByASecondInstance() throws IOException {
        driver.putContent("/a/b", utf8("shared"));
        assertArrayEquals(utf8("shared"), secondInstance().getContent("/a/b"));
    }

    @Test
    public void pathsUnderAnObjectAreMissing() throws IOException {
        driver.putContent("/a/object", utf8("x"));
        String below = "/a/object/child";
        assertEquals(Optional.empty(), driver.stat(below));
        assertThrows(PathNotFoundException.class, () -> driver.getContent(below));
        assertThrows(PathNotFoundException.class, () -> driver.reader(below, 0));
        assertThrows(PathNotFoundException.class, () -> driver.delete(below));
        assertThrows(PathNotFoundException.class, () -> driver.list(below));
        assertThrows(PathNotFoundException.class, () -> driver.move(below, "/elsewhere"));
    }

    @Test
    public void getOfAMissingObjectOrADirectoryIsPathNotFound() throws IOException {
        assertThrows(PathNotFoundException.class, () -> driver.getContent("/missing"));
        driver.putContent("/dir/child", utf8("x"));
        assertThrows(PathNotFoundException.class, () -> driver.getContent("/dir"));
    }

    // ---- stat ----

    @Test
    public void statOfAnObjectGivesPathSizeAndTime() throws IOException {
        Instant before = Instant.now().minusSeconds(2);
        driver.putContent("/a/b", random(2, 1000));
        StorageStat stat = driver.stat("/a/b").orElseThrow();
        assertEquals("/a/b", stat.path());
        assertEquals(1000, stat.size());
        assertTrue(stat.modified().isAfter(before), "modified " + stat.modified() + " is before " + before);
        assertTrue(stat.modified().isBefore(Instant.now().plusSeconds(2)), "modified " + stat.modified() + " is in the future");
    }

    @Test
    public void statOfAMissingObjectIsEmpty() throws IOException {
        assertEquals(Optional.empty(), driver.stat("/missing"));
        assertEquals(Optional.empty(), driver.stat("/missing/deeper"));
    }

    @Test
    public void statOfADirectoryIsEmpty() throws IOException {
        driver.putContent("/dir/child", utf8("x"));
        assertEquals(Optional.empty(), driver.stat("/dir"));
    }

    // ---- reader ----

    @Test
    public void readerFromTheStartReadsEverything() throws IOException {
        byte[] content = random(3, 10_000);
        driver.putContent(BLOB, content);
        try (InputStream in = driver.reader(BLOB, 0)) {
            assertArrayEquals(content, in.readAllBytes());
        }
    }

    @Test
    public void readerFromTheMiddleSkipsTheStart() throws IOException {
        byte[] content = random(4, 10_000);
        driver.putContent(BLOB, content);
        try (InputStream in = driver.reader(BLOB, 6_543)) {
            assertArrayEquals(Arrays.copyOfRange(content, 6_543, content.length), in.readAllBytes());
        }
    }

    @Test
    public void readerAtOrPastTheEndIsEmpty() throws IOException {
        driver.putContent("/a/b", utf8("12345"));
        try (InputStream atEnd = driver.reader("/a/b", 5); InputStream past = driver.reader("/a/b", 99)) {
            assertEquals(-1, atEnd.read());
            assertEquals(-1, past.read());
        }
    }

    @Test
    public void readerWithANegativeOffsetIsRejected() throws IOException {
        driver.putContent("/a/b", utf8("12345"));
        assertThrows(IllegalArgumentException.class, () -> driver.reader("/a/b", -1));
    }

    @Test
    public void readerOfAMissingObjectOrADirectoryIsPathNotFound() throws IOException {
        assertThrows(PathNotFoundException.class, () -> driver.reader("/missing", 0));
        driver.putContent("/dir/child", utf8("x"));
        assertThrows(PathNotFoundException.class, () -> driver.reader("/dir", 0));
    }

    // ---- writer ----

    /** 20 MiB in awkward piece sizes, compared by SHA-256 so a single wrong byte anywhere fails. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    public void largeStreamedWriteReadsBackIdentically() throws IOException {
        int total = 20 << 20;
        long middle = (7L << 20) + 3;
        int[] pieceSizes = {1, 7_919, 65_537, 1_048_573, 3, 131_071, 524_287};
        MessageDigest whole = TestContent.sha256();
        MessageDigest fromMiddle = TestContent.sha256();
        SplittableRandom random = new SplittableRandom(5);
        try (StorageWriter writer = driver.writer(BLOB, false)) {
            long written = 0;
            for (int i = 0; written < total; i++) {
                byte[] piece = new byte[(int) Math.min(pieceSizes[i % pieceSizes.length], total - written)];
                random.nextBytes(piece);
                // write from an offset inside a larger array, to check offset/length are honoured
                byte[] padded = new byte[piece.length + 10];
                System.arraycopy(piece, 0, padded, 7, piece.length);
                writer.write(padded, 7, piece.length);
                whole.update(piece);
                int skip = (int) Math.max(0, Math.min(piece.length, middle - written));
                fromMiddle.update(piece, skip, piece.length - skip);
                written += piece.length;
                assertEquals(written, writer.size());
            }
            writer.commit();
        }
        assertEquals(total, driver.stat(BLOB).orElseThrow().size());
        assertEquals(new Summary(TestContent.hex(whole), total), TestContent.summarize(driver.reader(BLOB, 0)));
        assertEquals(new Summary(TestContent.hex(fromMiddle), total - middle),
                TestContent.summarize(secondInstance().reader(BLOB, middle)));
    }

    /** An upload's PATCH requests may land on different registry instances. */
    @Test
    public void writerAppendsAcrossInstances() throws IOException {
        String upload = "/docker/registry/v2/repositories/library/app/_uploads/0f6a3b0e-1d2c-4b5a-9e8f-7a6b5c4d3e2f/data";
        try (StorageWriter first = driver.writer(upload, false)) {
            assertEquals(0, first.size());
            first.write(utf8("hello "), 0, 6);
            assertEquals(6, first.size());
        }
        StorageDriver other = secondInstance();
        assertArrayEquals(utf8("hello "), other.getContent(upload));
        try (StorageWriter second = other.writer(upload, true)) {
            assertEquals(6, second.size());
            second.write(utf8(">world<"), 1, 5);
            assertEquals(11, second.size());
            second.commit();
            assertEquals(11, second.size());
        }
        assertArrayEquals(utf8("hello world"), driver.getContent(upload));
        assertEquals(11, driver.stat(upload).orElseThrow().size());
    }

    /**
     * An upload bigger than any part or block size, continued by another instance in awkward pieces: object
     * stores must carry the bytes already stored into the continued object without losing or repeating any.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    public void largeWriterAppendsAcrossInstances() throws IOException {
        byte[] first = random(8, (6 << 20) + 3);
        byte[] second = random(9, (5 << 20) + 7);
        try (StorageWriter writer = driver.writer(BLOB, false)) {
            writer.write(first, 0, first.length);
        }
        try (StorageWriter writer = secondInstance().writer(BLOB, true)) {
            assertEquals(first.length, writer.size());
            for (int at = 0; at < second.length; at += 777_777) {
                writer.write(second, at, Math.min(777_777, second.length - at));
            }
            assertEquals(first.length + second.length, writer.size());
            writer.commit();
        }
        byte[] whole = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, whole, first.length, second.length);
        assertEquals(Summary.of(whole, 0), TestContent.summarize(driver.reader(BLOB, 0)));
        assertEquals(Summary.of(whole, first.length - 5), TestContent.summarize(driver.reader(BLOB, first.length - 5)));
        assertEquals(whole.length, driver.stat(BLOB).orElseThrow().size());
    }

    /** Completing an upload reopens it only to commit: that must neither change nor copy the bytes wrongly. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    public void writerReopenedWithoutWritingLeavesTheObjectAsItWas() throws IOException {
        byte[] content = random(10, (6 << 20) + 11);
        try (StorageWriter writer = driver.writer(BLOB, false)) {
            writer.write(content, 0, content.length);
        }
        try (StorageWriter reopened = secondInstance().writer(BLOB, true)) {
            assertEquals(content.length, reopened.size());
        }
        try (StorageWriter committing = driver.writer(BLOB, true)) {
            assertEquals(content.length, committing.size());
            committing.commit();
        }
        assertEquals(Summary.of(content, 0), TestContent.summarize(driver.reader(BLOB, 0)));
        assertEquals(content.length, driver.stat(BLOB).orElseThrow().size());
    }

    /** Small chunks from alternating instances, each visible with its size before the next one lands. */
    @Test
    public void manySmallAppendsAccumulateAcrossInstances() throws IOException {
        StorageDriver[] instances = {driver, secondInstance()};
        String upload = "/r/_uploads/small/data";
        driver.writer(upload, false).close();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            byte[] chunk = utf8("chunk-" + i + ";");
            StorageDriver instance = instances[i % 2];
            try (StorageWriter writer = instance.writer(upload, true)) {
                assertEquals(expected.length(), writer.size());
                writer.write(chunk, 0, chunk.length);
            }
            expected.append("chunk-").append(i).append(';');
            assertEquals(expected.length(), instances[(i + 1) % 2].stat(upload).orElseThrow().size());
        }
        assertArrayEquals(utf8(expected.toString()), driver.getContent(upload));
    }

    @Test
    public void cancelAfterALargeAppendLeavesNothing() throws IOException {
        byte[] content = random(11, (5 << 20) + 1);
        try (StorageWriter writer = driver.writer("/up/data", false)) {
            writer.write(content, 0, content.length);
        }
        StorageWriter writer = secondInstance().writer("/up/data", true);
        writer.write(content, 0, content.length);
        writer.cancel();
        assertEquals(Optional.empty(), driver.stat("/up/data"));
        assertThrows(PathNotFoundException.class, () -> driver.list("/up"));
    }

    @Test
    public void writerWithoutAppendStartsOver() throws IOException {
        driver.putContent("/a/b", utf8("old content"));
        try (StorageWriter writer = driver.writer("/a/b", false)) {
            assertEquals(0, writer.size());
            writer.write(utf8("new"), 0, 3);
            writer.commit();
        }
        assertArrayEquals(utf8("new"), driver.getContent("/a/b"));
    }

    @Test
    public void writerAppendingToAMissingObjectStartsEmpty() throws IOException {
        try (StorageWriter writer = driver.writer("/a/fresh", true)) {
            assertEquals(0, writer.size());
            writer.write(utf8("abc"), 0, 3);
            writer.commit();
        }
        assertArrayEquals(utf8("abc"), driver.getContent("/a/fresh"));
    }

    @Test
    public void writerCancelDiscardsTheObject() throws IOException {
        try (StorageWriter writer = driver.writer("/up/data", false)) {
            writer.write(utf8("first"), 0, 5);
        }
        StorageWriter writer = secondInstance().writer("/up/data", true);
        writer.write(utf8("second"), 0, 6);
        writer.cancel();
        writer.close(); // harmless after cancel
        assertEquals(Optional.empty(), driver.stat("/up/data"));
        assertThrows(PathNotFoundException.class, () -> driver.getContent("/up/data"));
    }

    @Test
    public void writerRefusesUseAfterItIsFinished() throws IOException {
        StorageWriter committed = driver.writer("/a/committed", false);
        committed.write(utf8("x"), 0, 1);
        committed.commit();
        committed.close(); // no-op after commit
        assertThrows(IllegalStateException.class, () -> committed.write(utf8("y"), 0, 1));
        assertThrows(IllegalStateException.class, committed::commit);

        StorageWriter closed = driver.writer("/a/closed", false);
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.write(utf8("y"), 0, 1));
        assertArrayEquals(utf8("x"), driver.getContent("/a/committed"));
    }

    @Test
    public void writerRejectsABadSlice() throws IOException {
        try (StorageWriter writer = driver.writer("/a/b", false)) {
            assertThrows(IndexOutOfBoundsException.class, () -> writer.write(new byte[4], 3, 2));
            assertEquals(0, writer.size());
        }
    }

    // ---- move ----

    @Test
    public void moveReplacesTheDestinationAndRemovesTheSource() throws IOException {
        driver.putContent("/up/data", utf8("new"));
        driver.putContent(BLOB, utf8("old"));
        driver.move("/up/data", BLOB);
        assertArrayEquals(utf8("new"), driver.getContent(BLOB));
        assertEquals(Optional.empty(), driver.stat("/up/data"));
        assertThrows(PathNotFoundException.class, () -> driver.getContent("/up/data"));
    }

    @Test
    public void moveCreatesMissingParents() throws IOException {
        driver.putContent("/up/data", utf8("bytes"));
        driver.move("/up/data", "/deep/new/parents/data");
        assertArrayEquals(utf8("bytes"), secondInstance().getContent("/deep/new/parents/data"));
    }

    @Test
    public void moveOntoItselfKeepsTheObject() throws IOException {
        driver.putContent("/a/b", utf8("same"));
        driver.move("/a/b", "/a/b");
        assertArrayEquals(utf8("same"), driver.getContent("/a/b"));
    }

    @Test
    public void moveOfAMissingObjectOrADirectoryIsPathNotFound() throws IOException {
        assertThrows(PathNotFoundException.class, () -> driver.move("/missing", "/elsewhere"));
        driver.putContent("/dir/child", utf8("x"));
        assertThrows(PathNotFoundException.class, () -> driver.move("/dir", "/elsewhere"));
        assertEquals(Optional.empty(), driver.stat("/elsewhere"));
        assertArrayEquals(utf8("x"), driver.getContent("/dir/child"));
    }

    // ---- delete ----

    @Test
    public void deleteRemovesAnObjectOnly() throws IOException {
        driver.putContent("/a/b", utf8("x"));
        driver.putContent("/a/c", utf8("y"));
        driver.delete("/a/b");
        assertEquals(Optional.empty(), driver.stat("/a/b"));
        assertThrows(PathNotFoundException.class, () -> driver.getContent("/a/b"));
        assertArrayEquals(utf8("y"), driver.getContent("/a/c"));
    }

    @Test
    public void deleteRemovesAWholeTree() throws IOException {
        driver.putContent("/r/uploads/u1/data", utf8("1"));
        driver.putContent("/r/uploads/u1/startedat", utf8("2"));
        driver.putContent("/r/uploads/u1/hashstates/sha256/0", utf8("3"));
        driver.putContent("/r/uploads-kept", utf8("4"));
        driver.putContent("/r/uploads0", utf8("5"));
        driver.delete("/r/uploads");
        assertEquals(List.of("/r/uploads-kept", "/r/uploads0"), driver.list("/r"));
        assertThrows(PathNotFoundException.class, () -> driver.getContent("/r/uploads/u1/data"));
        assertThrows(PathNotFoundException.class, () -> driver.list("/r/uploads"));
        assertArrayEquals(utf8("4"), driver.getContent("/r/uploads-kept"));
    }

    @Test
    public void deleteOfAMissingPathIsPathNotFound() throws IOException {
        assertThrows(PathNotFoundException.class, () -> driver.delete("/missing"));
        driver.putContent("/a/b", utf8("x"));
        driver.delete("/a/b");
        assertThrows(PathNotFoundException.class, () -> driver.delete("/a/b"));
    }

    @Test
    public void deletedPathsCanBeWrittenAgain() throws IOException {
        driver.putContent("/a/b/c", utf8("x"));
        driver.delete("/a");
        driver.putContent("/a/b/c", utf8("again"));
        assertArrayEquals(utf8("again"), driver.getContent("/a/b/c"));
    }

    /** Directories are implied by objects: callers must treat a missing directory as an empty one. */
    @Test
    public void directoriesVanishWithTheirLastObject() throws IOException {
        driver.putContent("/d/e/f", utf8("x"));
        driver.putContent("/m/u1/data", utf8("y"));
        driver.putContent("/top", utf8("z"));
        driver.delete("/d/e/f");
        driver.move("/m/u1/data", "/moved");
        assertThrows(PathNotFoundException.class, () -> driver.list("/d"));
        assertThrows(PathNotFoundException.class, () -> driver.list("/m"));
        assertEquals(List.of("/moved", "/top"), driver.list("/"));
    }

    // ---- list ----

    @Test
    public void listGivesTheSortedFullPathsOfDirectChildren() throws IOException {
        driver.putContent("/l/c/d/e", utf8("1"));
        driver.putContent("/l/b", utf8("2"));
        driver.putContent("/l/a-b", utf8("3"));
        driver.putContent("/l/a/x", utf8("4"));
        driver.putContent("/l/a/y", utf8("5"));
        driver.putContent("/l0/other", utf8("6"));
        assertEquals(List.of("/l/a", "/l/a-b", "/l/b", "/l/c"), driver.list("/l"));
        assertEquals(List.of("/l/a/x", "/l/a/y"), driver.list("/l/a"));
        assertEquals(List.of("/l/c/d/e"), driver.list("/l/c/d"));
    }

    @Test
    public void listOfTheRootGivesTopLevelChildren() throws IOException {
        assertEquals(List.of(), driver.list("/"), "the root always exists, even when empty");
        driver.putContent("/docker/x", utf8("1"));
        driver.putContent("/top", utf8("2"));
        assertEquals(List.of("/docker", "/top"), driver.list("/"));
    }

    @Test
    public void listOfAMissingDirectoryOrAnObjectIsPathNotFound() throws IOException {
        assertThrows(PathNotFoundException.class, () -> driver.list("/missing"));
        driver.putContent("/a/b", utf8("x"));
        assertThrows(PathNotFoundException.class, () -> driver.list("/a/b"));
    }

    /** More children than one page of an object store's listing or one batch of its bulk delete. */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    public void listAndDeleteCrossPageBoundaries() throws Exception {
        int count = 1_003;
        List<String> expected = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String path = String.format("/many/child-%04d", i);
                expected.add(path);
                puts.add(pool.submit((Callable<Void>) () -> {
                    driver.putContent(path, utf8(path));
                    return null;
                }));
            }
            for (Future<?> put : puts) {
                put.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        driver.putContent("/many-sibling", utf8("kept"));
        assertEquals(expected, driver.list("/many"));
        driver.delete("/many");
        assertThrows(PathNotFoundException.class, () -> driver.list("/many"));
        assertEquals(List.of("/many-sibling"), driver.list("/"));
    }

    // ---- concurrency ----

    /**
     * Several pushes of the same layer race: each writes its own upload, then moves it onto the one blob
     * path. Whoever wins, the blob must be complete, and a reader must never see a partial blob.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    public void concurrentWritersOfTheSameBlobLeaveACorrectBlob() throws Exception {
        int writers = 6;
        byte[] content = random(6, (3 << 20) + 17);
        Summary expected = Summary.of(content, 0);
        CyclicBarrier allWritten = new CyclicBarrier(writers);
        AtomicBoolean moving = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String upload = "/r/_uploads/" + i + "/data";
                results.add(pool.submit((Callable<Void>) () -> {
                    StorageDriver own = secondInstance();
                    try (StorageWriter writer = own.writer(upload, false)) {
                        for (int at = 0; at < content.length; at += 99_991) {
                            writer.write(content, at, Math.min(99_991, content.length - at));
                        }
                        writer.commit();
                    }
                    allWritten.await(60, TimeUnit.SECONDS);
                    own.move(upload, BLOB);
                    return null;
                }));
            }
            Future<Integer> reader = pool.submit(() -> {
                int completeReads = 0;
                while (moving.get()) {
                    try {
                        assertEquals(expected, TestContent.summarize(driver.reader(BLOB, 0)), "partial blob seen");
                        completeReads++;
                    } catch (PathNotFoundException notYet) {
                        Thread.onSpinWait();
                    }
                }
                return completeReads;
            });
            for (Future<?> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
            moving.set(false);
            reader.get(60, TimeUnit.SECONDS);
        } finally {
            moving.set(false); // so the reader stops even when a writer failed
            pool.shutdownNow();
        }
        assertEquals(expected, TestContent.summarize(driver.reader(BLOB, 0)));
        assertEquals(content.length, driver.stat(BLOB).orElseThrow().size());
        for (int i = 0; i < writers; i++) {
            assertEquals(Optional.empty(), driver.stat("/r/_uploads/" + i + "/data"));
        }
    }

    // ---- paths and defaults ----

    @Test
    public void validPathCharactersAreAccepted() throws IOException {
        String path = "/A-z_0.9/sha256:ab/.hidden/x..y/-";
        driver.putContent(path, utf8("ok"));
        assertArrayEquals(utf8("ok"), driver.getContent(path));
    }

    /** A redirect URL is fetched the way a client would: plain GET, no credentials, full and ranged. */
    @Test
    public void redirectUrlsDownloadTheObjectOrAreNotOffered() throws Exception {
        byte[] content = random(7, 300_007);
        driver.putContent(BLOB, content);
        Optional<URI> url = driver.redirectUrl(BLOB, Duration.ofMinutes(20));
        if (!offersRedirects()) {
            assertEquals(Optional.empty(), url);
            return;
        }
        assertTrue(url.isPresent(), "a driver that offers redirects gave no URL");
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> whole = http.send(HttpRequest.newBuilder(url.get()).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, whole.statusCode(), () -> new String(whole.body()));
            assertEquals(TestContent.sha256Hex(content), TestContent.sha256Hex(whole.body()));
            HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(url.get()).header("Range", "bytes=100-199")
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(206, part.statusCode());
            assertArrayEquals(Arrays.copyOfRange(content, 100, 200), part.body());
        }
    }

    @Test
    public void redirectUrlsOfOtherObjectsDoNotServeThisOne() throws Exception {
        driver.putContent("/a/one", utf8("one"));
        driver.putContent("/a/two", utf8("two"));
        Optional<URI> one = driver.redirectUrl("/a/one", Duration.ofMinutes(5));
        Optional<URI> two = driver.redirectUrl("/a/two", Duration.ofMinutes(5));
        assertEquals(offersRedirects(), one.isPresent());
        if (one.isPresent()) {
            assertTrue(!one.equals(two), "two objects got the same URL");
            try (HttpClient http = HttpClient.newHttpClient()) {
                assertArrayEquals(utf8("two"), http.send(HttpRequest.newBuilder(two.orElseThrow()).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body());
            }
        }
    }

    /** The name is what operators write as {@code storage.driver}. */
    @Test
    public void nameIsALowerCaseWord() {
        assertTrue(driver.name().matches("[a-z][a-z0-9]*"), "driver name '" + driver.name() + "'");
    }
}
