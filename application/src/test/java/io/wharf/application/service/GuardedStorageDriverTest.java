package io.wharf.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.domain.port.PathNotFoundException;
import io.wharf.domain.port.StorageCall;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageStat;
import io.wharf.domain.port.StorageWriter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

class GuardedStorageDriverTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final RecordingDriver inner = new RecordingDriver();
    private final List<StorageCall> observed = new CopyOnWriteArrayList<>();
    private final StorageDriver guarded = new GuardedStorageDriver(inner, observed::add, Clock.fixed(NOW, ZoneOffset.UTC));

    /** Every operation rejects every malformed path before the driver is called, so no driver has to. */
    @TestFactory
    Stream<DynamicTest> malformedPathsNeverReachTheDriver() {
        List<String> bad = List.of("", "relative/path", "/a/../b", "/..", "/a/./b", "/a//b", "/a/b/", "//",
                "/a b", "/a\\b", "/caf\u00e9", "/a/b\n", "/a?b", "/a*b", "/a%2fb");
        List<DynamicTest> tests = new ArrayList<>();
        for (String path : bad) {
            String shown = "'" + path.replace("\n", "\\n") + "'";
            tests.add(rejects("stat " + shown, () -> guarded.stat(path)));
            tests.add(rejects("reader " + shown, () -> guarded.reader(path, 0)));
            tests.add(rejects("writer " + shown, () -> guarded.writer(path, false)));
            tests.add(rejects("getContent " + shown, () -> guarded.getContent(path)));
            tests.add(rejects("putContent " + shown, () -> guarded.putContent(path, new byte[1])));
            tests.add(rejects("move from " + shown, () -> guarded.move(path, "/ok")));
            tests.add(rejects("move to " + shown, () -> guarded.move("/ok", path)));
            tests.add(rejects("delete " + shown, () -> guarded.delete(path)));
            tests.add(rejects("list " + shown, () -> guarded.list(path)));
            tests.add(rejects("redirectUrl " + shown, () -> guarded.redirectUrl(path, java.time.Duration.ofMinutes(1))));
        }
        // the root is a directory, never an object
        tests.add(rejects("putContent '/'", () -> guarded.putContent("/", new byte[1])));
        tests.add(rejects("writer '/'", () -> guarded.writer("/", false)));
        tests.add(rejects("delete '/'", () -> guarded.delete("/")));
        tests.add(rejects("move to '/'", () -> guarded.move("/ok", "/")));
        return tests.stream();
    }

    private DynamicTest rejects(String name, Executable operation) {
        return DynamicTest.dynamicTest(name, () -> {
            assertThrows(IllegalArgumentException.class, operation);
            assertEquals(List.of(), inner.calls, "the driver was called");
        });
    }

    @Test
    void validPathsAndTheRootListingPassThrough() throws IOException {
        guarded.putContent("/A-z_0.9/sha256:ab/.hidden/x..y/-", new byte[1]);
        guarded.list("/");
        assertEquals(List.of("putContent /A-z_0.9/sha256:ab/.hidden/x..y/-", "list /"), inner.calls);
    }

    @Test
    void eachCallIsReportedWithItsOutcome() {
        assertThrows(PathNotFoundException.class, () -> guarded.getContent("/missing"));
        assertThrows(IOException.class, () -> guarded.getContent("/broken"));
        assertThrows(IOException.class, () -> guarded.move("/broken", "/b"));
        assertEquals(List.of(
                new StorageCall("recording", "getContent", "/missing", NOW, observed.get(0).elapsed(), StorageCall.Outcome.NOT_FOUND),
                new StorageCall("recording", "getContent", "/broken", NOW, observed.get(1).elapsed(), StorageCall.Outcome.FAILED),
                new StorageCall("recording", "move", "/broken", NOW, observed.get(2).elapsed(), StorageCall.Outcome.FAILED)),
                observed);
    }

    @Test
    void theEndOfAWriterIsReportedButNotEachWrite() throws IOException {
        try (StorageWriter writer = guarded.writer("/up/data", true)) {
            writer.write(new byte[10], 0, 10);
            writer.write(new byte[10], 0, 10);
            assertEquals(20, writer.size());
            writer.commit();
        }
        assertEquals(List.of("writer", "commit", "close"), observed.stream().map(StorageCall::operation).toList());
        assertTrue(observed.stream().allMatch(call -> call.outcome() == StorageCall.Outcome.OK));
        assertEquals(List.of("writer /up/data", "write 10", "write 10", "commit", "close"), inner.calls);
    }

    /** Records what reaches it; "/missing" is absent and "/broken" fails, to drive the outcomes. */
    private static final class RecordingDriver implements StorageDriver {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        private void call(String operation, String path) throws IOException {
            calls.add(operation + " " + path);
            if (path.equals("/missing")) {
                throw new PathNotFoundException(path);
            }
            if (path.equals("/broken")) {
                throw new IOException("storage unreachable");
            }
        }

        @Override
        public Optional<StorageStat> stat(String path) throws IOException {
            call("stat", path);
            return Optional.empty();
        }

        @Override
        public InputStream reader(String path, long offset) throws IOException {
            call("reader", path);
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public StorageWriter writer(String path, boolean append) throws IOException {
            call("writer", path);
            return new StorageWriter() {
                long size;

                @Override
                public void write(byte[] buffer, int offset, int length) {
                    calls.add("write " + length);
                    size += length;
                }

                @Override
                public long size() {
                    return size;
                }

                @Override
                public void commit() {
                    calls.add("commit");
                }

                @Override
                public void cancel() {
                    calls.add("cancel");
                }

                @Override
                public void close() {
                    calls.add("close");
                }
            };
        }

        @Override
        public byte[] getContent(String path) throws IOException {
            call("getContent", path);
            return new byte[0];
        }

        @Override
        public void putContent(String path, byte[] content) throws IOException {
            call("putContent", path);
        }

        @Override
        public void move(String from, String to) throws IOException {
            call("move", from);
        }

        @Override
        public void delete(String path) throws IOException {
            call("delete", path);
        }

        @Override
        public List<String> list(String path) throws IOException {
            call("list", path);
            return List.of();
        }
    }
}
