package io.wharf.storage.s3;

import static io.wharf.storage.testkit.TestContent.random;
import static io.wharf.storage.testkit.TestContent.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.domain.port.PathNotFoundException;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageWriter;
import io.wharf.storage.testkit.TestContent;
import io.wharf.storage.testkit.TestContent.Summary;
import io.wharf.storage.testkit.servers.S3ProxyServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/** What is particular to S3: parts, server-side copies, leftovers of crashed writers, errors, settings. */
class S3StorageDriverBehaviourTest {
    private static final int MIB = 1 << 20;
    private static S3ProxyServer server;

    private String bucket;
    private S3Client sdk;

    @BeforeAll
    static void startServer() throws IOException {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void newBucket() throws IOException {
        bucket = S3Fixture.newBucket(server);
        sdk = S3Fixture.sdk(server);
    }

    @AfterEach
    void closeSdk() {
        sdk.close();
    }

    /** 5 MiB parts, the smallest S3 allows, so a few MiB cross several part boundaries. */
    private StorageDriver smallParts(Map<String, String> extra) {
        Map<String, String> settings = S3Fixture.settings(server, bucket);
        settings.put("chunksize", "5MiB");
        settings.put("parallelparts", "2");
        settings.putAll(extra);
        return S3Fixture.driver(settings);
    }

    private HeadObjectResponse head(String key) {
        return sdk.headObject(r -> r.bucket(bucket).key(key));
    }

    private List<MultipartUpload> uploads() {
        return sdk.listMultipartUploads(r -> r.bucket(bucket)).uploads();
    }

    @Test
    void aWriteOfSeveralPartsIsOneMultipartObject() throws IOException {
        byte[] content = random(1, 17 * MIB + 5);
        try (StorageDriver driver = smallParts(Map.of())) {
            try (StorageWriter writer = driver.writer("/up/data", false)) {
                for (int at = 0; at < content.length; at += 999_999) {
                    writer.write(content, at, Math.min(999_999, content.length - at));
                }
                assertEquals(content.length, writer.size());
            }
            assertEquals(Summary.of(content, 0), TestContent.summarize(driver.reader("/up/data", 0)));
            assertEquals(Summary.of(content, 12 * MIB), TestContent.summarize(driver.reader("/up/data", 12 * MIB)));
        }
        assertTrue(head("up/data").eTag().endsWith("-4\""), "4 parts: " + head("up/data").eTag());
        assertEquals(List.of(), uploads());
    }

    @Test
    void aWriteThatFitsOneBufferIsASinglePut() throws IOException {
        byte[] content = random(2, 5 * MIB - 1);
        try (StorageDriver driver = smallParts(Map.of()); StorageWriter writer = driver.writer("/up/data", false)) {
            writer.write(content, 0, content.length);
        }
        assertFalse(head("up/data").eTag().contains("-"), head("up/data").eTag());
        assertArrayEquals(content, sdk.getObjectAsBytes(r -> r.bucket(bucket).key("up/data")).asByteArray());
    }

    /** An existing object of 5 MiB or more is carried over by server-side copy, then the new parts follow. */
    @Test
    void appendingToALargeObjectCopiesItServerSide() throws IOException {
        byte[] first = random(3, 6 * MIB + 1);
        byte[] second = random(4, 11 * MIB + 3);
        try (StorageDriver one = smallParts(Map.of()); StorageDriver two = smallParts(Map.of())) {
            try (StorageWriter writer = one.writer("/up/data", false)) {
                writer.write(first, 0, first.length);
            }
            try (StorageWriter writer = two.writer("/up/data", true)) {
                assertEquals(first.length, writer.size());
                writer.write(second, 0, second.length);
                assertEquals(first.length + second.length, writer.size());
            }
            byte[] whole = concat(first, second);
            assertEquals(Summary.of(whole, 0), TestContent.summarize(one.reader("/up/data", 0)));
            assertEquals(Summary.of(whole, first.length - 1),
                    TestContent.summarize(one.reader("/up/data", first.length - 1)));
        }
        // one copied part, then 5 + 5 + 1 MiB of new bytes
        assertTrue(head("up/data").eTag().endsWith("-4\""), "4 parts: " + head("up/data").eTag());
    }

    /** Under 5 MiB, the existing bytes are read back and sent again with the new ones. */
    @Test
    void appendingToASmallObjectRewritesIt() throws IOException {
        byte[] first = random(5, 3 * MIB);
        byte[] second = random(6, 4 * MIB);
        try (StorageDriver driver = smallParts(Map.of())) {
            try (StorageWriter writer = driver.writer("/up/data", false)) {
                writer.write(first, 0, first.length);
            }
            try (StorageWriter writer = driver.writer("/up/data", true)) {
                writer.write(second, 0, second.length);
            }
            assertEquals(Summary.of(concat(first, second), 0), TestContent.summarize(driver.reader("/up/data", 0)));
        }
        assertTrue(head("up/data").eTag().endsWith("-2\""), "5 MiB + 2 MiB: " + head("up/data").eTag());
    }

    @Test
    void aWriterClosedWithoutWritingLeavesTheObjectUntouched() throws IOException {
        byte[] content = random(7, 6 * MIB);
        try (StorageDriver driver = smallParts(Map.of())) {
            try (StorageWriter writer = driver.writer("/up/data", false)) {
                writer.write(content, 0, content.length);
            }
            String eTag = head("up/data").eTag();
            try (StorageWriter writer = driver.writer("/up/data", true)) {
                writer.commit();
            }
            assertEquals(eTag, head("up/data").eTag());
            assertEquals(List.of(), uploads());
        }
    }

    /** A writer whose close fails (here: the object was replaced meanwhile) leaves the previous object in place. */
    @Test
    void aFailedAppendLeavesThePreviousObjectAndNoUpload() throws IOException {
        byte[] content = random(8, 6 * MIB);
        try (StorageDriver driver = smallParts(Map.of())) {
            driver.putContent("/up/data", content);
            StorageWriter writer = driver.writer("/up/data", true);
            driver.putContent("/up/data", utf8("replaced behind the writer's back"));
            writer.write(content, 0, 1000);
            assertThrows(IOException.class, writer::close);
            assertArrayEquals(utf8("replaced behind the writer's back"), driver.getContent("/up/data"));
            assertEquals(List.of(), uploads());
        }
    }

    @Test
    void deleteAbortsTheUploadsACrashedWriterLeft() throws IOException {
        byte[] content = random(9, 6 * MIB);
        StorageDriver crashed = smallParts(Map.of());
        StorageWriter abandoned = crashed.writer("/r/_uploads/u1/data", false);
        abandoned.write(content, 0, content.length); // a full part went out: the upload exists
        crashed.putContent("/r/_uploads/u1/startedat", utf8("now"));
        crashed.close(); // the writer is never closed, as in a crash
        assertEquals(List.of("r/_uploads/u1/data"), uploads().stream().map(MultipartUpload::key).toList());

        try (StorageDriver driver = smallParts(Map.of())) {
            driver.delete("/r/_uploads/u1");
            assertThrows(PathNotFoundException.class, () -> driver.list("/r"));
        }
        assertEquals(List.of(), uploads());
    }

    @Test
    void cancelAbortsTheUploadAndDeletesTheObject() throws IOException {
        byte[] content = random(10, 11 * MIB);
        try (StorageDriver driver = smallParts(Map.of())) {
            driver.putContent("/up/data", utf8("earlier"));
            StorageWriter writer = driver.writer("/up/data", true);
            writer.write(content, 0, content.length);
            assertEquals(1, uploads().size());
            writer.cancel();
            assertEquals(Optional.empty(), driver.stat("/up/data"));
        }
        assertEquals(List.of(), uploads());
    }

    /** Above the copy threshold a move is a parallel multipart copy; the bytes must come out the same. */
    @Test
    void largeMovesCopyInParts() throws IOException {
        byte[] content = random(11, 12 * MIB + 7);
        try (StorageDriver driver = smallParts(Map.of("multipartcopythresholdsize", "5MiB",
                "multipartcopychunksize", "5MiB", "multipartcopymaxconcurrency", "2"))) {
            driver.putContent("/up/data", content);
            driver.move("/up/data", "/blobs/data");
            assertEquals(Summary.of(content, 0), TestContent.summarize(driver.reader("/blobs/data", 0)));
            assertEquals(Optional.empty(), driver.stat("/up/data"));
        }
        assertTrue(head("blobs/data").eTag().endsWith("-3\""), "3 copied parts: " + head("blobs/data").eTag());
        assertEquals(List.of(), uploads());
    }

    @Test
    void aWrongSecretKeyFailsNamingTheCallAndS3sAnswer() throws IOException {
        Map<String, String> settings = S3Fixture.settings(server, bucket);
        settings.put("secretkey", "not-the-secret-" + server.credential().substring(0, 4));
        try (StorageDriver driver = S3Fixture.driver(settings)) {
            IOException e = assertThrows(IOException.class, () -> driver.putContent("/a/b", utf8("x")));
            String message = e.getMessage();
            assertTrue(message.contains("PutObject") && message.contains("s3://" + bucket + "/a/b"), message);
            assertTrue(message.contains("HTTP 403") && message.contains("SignatureDoesNotMatch"), message);
            assertFalse(message.contains(settings.get("secretkey")), message);
            IOException stat = assertThrows(IOException.class, () -> driver.stat("/a/b"));
            assertTrue(stat.getMessage().contains("HeadObject") && stat.getMessage().contains("HTTP 403"),
                    stat.getMessage());
        }
    }

    @Test
    void aMissingBucketIsAnErrorNotAMissingPath() throws IOException {
        try (StorageDriver driver = S3Fixture.driver(server, "no-such-bucket-" + bucket)) {
            IOException e = assertThrows(IOException.class, () -> driver.list("/"));
            assertFalse(e instanceof PathNotFoundException);
            assertTrue(e.getMessage().contains("NoSuchBucket"), e.getMessage());
        }
    }

    @Test
    void readerClosedEarlyDoesNotReadTheRest() throws IOException {
        byte[] content = random(12, 20 * MIB);
        try (StorageDriver driver = S3Fixture.driver(server, bucket)) {
            driver.putContent("/big", content);
            byte[] start = new byte[1000];
            try (var in = driver.reader("/big", 5)) {
                assertEquals(1000, in.readNBytes(start, 0, 1000));
            }
            assertArrayEquals(Arrays.copyOfRange(content, 5, 1005), start);
        }
    }

    @Test
    void aRequestRateCapStillServesEveryRequest() throws IOException {
        Map<String, String> settings = S3Fixture.settings(server, bucket);
        settings.put("maxrequestspersecond", "20");
        try (StorageDriver driver = S3Fixture.driver(settings)) {
            long started = System.nanoTime();
            for (int i = 0; i < 30; i++) {
                driver.putContent("/rate/" + i, utf8("x"));
            }
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(30, driver.list("/rate").size());
            // 20 may go at once, the other 10 (and the listing) wait their turn at 20 a second
            assertTrue(elapsedMillis >= 400, "30 requests at 20/s took only " + elapsedMillis + " ms");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
