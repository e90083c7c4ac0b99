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
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * The behaviour every {@link StorageDriver} must have. A driver's test extends this class and supplies
 * {@link #newDriver()}; everything else is shared so all drivers agree.
 *
 * <p>Decisions this suite pins down (the port leaves them open):
 * <ul>
 *   <li>{@code list} of a missing directory, or of an object, throws {@link PathNotFoundException} (as distribution does);
 *       the root {@code "/"} always exists, so listing it gives an empty list on empty storage.</li>
 *   <li>Directories exist only while they hold objects: deleting or moving away the last one removes them.</li>
 *   <li>{@code "/"} is a valid path only for {@code list}; any other malformed path is an {@link IllegalArgumentException}.</li>
 *   <li>{@code reader} at or past the end gives an empty stream; a negative offset is an {@link IllegalArgumentException}.</li>
 *   <li>{@code writer(path, true)} on a missing object starts an empty one.</li>
 *   <li>{@code move} only moves objects: a directory or missing source is a {@link PathNotFoundException}.</li>
 *   <li>Using a writer after {@code commit}, {@code cancel} or {@code close} is an {@link IllegalStateException};
 *       {@code close} after {@code commit} is a no-op so try-with-resources works.</li>
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
    public void putUnderAnObjectOrOntoADirectoryFails() throws IOException {
        driver.putContent("/a/object", utf8("x"));
        driver.putContent("/a/dir/child", utf8("y"));
        assertThrows(IOException.class, () -> driver.putContent("/a/object/child", utf8("z")));
        assertThrows(IOException.class, () -> driver.putContent("/a/dir", utf8("z")));
        assertArrayEquals(utf8("x"), driver.getContent("/a/object"));
        assertArrayEquals(utf8("y"), driver.getContent("/a/dir/child"));
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

    /** Every operation rejects every malformed path, before touching storage. */
    @TestFactory
    public Stream<DynamicTest> malformedPathsAreRejected() {
        List<String> bad = List.of("", "relative/path", "/a/../b", "/..", "/a/./b", "/a//b", "/a/b/", "//",
                "/a b", "/a\\b", "/caf\u00e9", "/a/b\n", "/a?b", "/a*b");
        List<DynamicTest> tests = new ArrayList<>();
        for (String path : bad) {
            String shown = "'" + path.replace("\n", "\\n") + "'";
            tests.add(rejects("stat " + shown, () -> driver.stat(path)));
            tests.add(rejects("reader " + shown, () -> driver.reader(path, 0)));
            tests.add(rejects("writer " + shown, () -> driver.writer(path, false)));
            tests.add(rejects("getContent " + shown, () -> driver.getContent(path)));
            tests.add(rejects("putContent " + shown, () -> driver.putContent(path, new byte[1])));
            tests.add(rejects("move from " + shown, () -> driver.move(path, "/ok")));
            tests.add(rejects("move to " + shown, () -> driver.move("/ok", path)));
            tests.add(rejects("delete " + shown, () -> driver.delete(path)));
            tests.add(rejects("list " + shown, () -> driver.list(path)));
        }
        // the root is a directory, never an object
        tests.add(rejects("putContent '/'", () -> driver.putContent("/", new byte[1])));
        tests.add(rejects("writer '/'", () -> driver.writer("/", false)));
        tests.add(rejects("delete '/'", () -> driver.delete("/")));
        tests.add(rejects("move to '/'", () -> driver.move("/ok", "/")));
        return tests.stream();
    }

    private DynamicTest rejects(String name, Executable operation) {
        return DynamicTest.dynamicTest(name, () -> {
            if (driver.stat("/ok").isEmpty()) {
                driver.putContent("/ok", utf8("ok"));
            }
            assertThrows(IllegalArgumentException.class, operation);
        });
    }

    @Test
    public void validPathCharactersAreAccepted() throws IOException {
        String path = "/A-z_0.9/sha256:ab/.hidden/x..y/-";
        driver.putContent(path, utf8("ok"));
        assertArrayEquals(utf8("ok"), driver.getContent(path));
    }

    @Test
    public void redirectUrlIsEmptyForLocalDrivers() throws IOException {
        driver.putContent(BLOB, utf8("x"));
        assertEquals(Optional.empty(), driver.redirectUrl(BLOB, Duration.ofMinutes(20)));
    }

    /** The name is what operators write as {@code storage.driver}. */
    @Test
    public void nameIsALowerCaseWord() {
        assertTrue(driver.name().matches("[a-z][a-z0-9]*"), "driver name '" + driver.name() + "'");
    }
}
