package io.wharf.bootstrap.api;

import io.wharf.domain.model.Digest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Simultaneous pushes: the last writer wins a tag cleanly, and identical blobs land once. */
class ConcurrencyTest extends RegistryApiTest {
    private static final int THREADS = 8;

    @Test
    void concurrentPushesToOneTagAllSucceedAndTheTagEndsOnOneOfThem() throws Exception {
        String name = repo("race-tag");
        List<Image> images = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            images.add(ociImage(name));
        }
        List<HttpResponse<byte[]>> responses = together(i -> () ->
                putManifest(name, "contested", OCI_MANIFEST, images.get(i).json()));
        for (int i = 0; i < THREADS; i++) {
            assertStatus(201, responses.get(i));
            assertEquals(images.get(i).digest().toString(), header(responses.get(i), "Docker-Content-Digest"));
        }
        HttpResponse<byte[]> tagged = get("/v2/" + name + "/manifests/contested");
        assertStatus(200, tagged);
        Digest winner = Digest.sha256(tagged.body());
        assertTrue(images.stream().anyMatch(image -> image.digest().equals(winner)), "tag on a pushed manifest");
        assertEquals(winner.toString(), header(tagged, "Docker-Content-Digest"));
        for (Image image : images) {
            assertArrayEquals(image.bytes(), get("/v2/" + name + "/manifests/" + image.digest()).body());
        }
        assertEquals(List.of("contested"), json(get("/v2/" + name + "/tags/list")).get("tags"));
    }

    @Test
    void concurrentPushesOfOneManifestToManyTags() throws Exception {
        String name = repo("race-many-tags");
        Image image = ociImage(name);
        List<HttpResponse<byte[]>> responses = together(i -> () ->
                putManifest(name, "tag" + i, OCI_MANIFEST, image.json()));
        responses.forEach(r -> assertStatus(201, r));
        @SuppressWarnings("unchecked")
        List<String> tags = (List<String>) json(get("/v2/" + name + "/tags/list")).get("tags");
        assertEquals(THREADS, tags.size(), tags.toString());
    }

    @Test
    void concurrentPushesOfTheSameBlobStoreItOnce() throws Exception {
        String name = repo("race-blob");
        String other = repo("race-blob-other");
        byte[] content = randomBytes(256 * 1024);
        Digest digest = Digest.sha256(content);
        List<HttpResponse<byte[]>> responses = together(i -> () ->
                send("POST", "/v2/" + (i % 2 == 0 ? name : other) + "/blobs/uploads/?digest=" + digest, content,
                        "Content-Type", "application/octet-stream"));
        responses.forEach(r -> assertStatus(201, r));
        assertEquals(1, blobFiles(digest).size(), blobFiles(digest).toString());
        assertArrayEquals(content, get("/v2/" + name + "/blobs/" + digest).body());
        assertArrayEquals(content, get("/v2/" + other + "/blobs/" + digest).body());
    }

    @Test
    void concurrentChunkedUploadsOfTheSameBlob() throws Exception {
        String name = repo("race-chunked");
        byte[] content = randomBytes(100_000);
        Digest digest = Digest.sha256(content);
        List<HttpResponse<byte[]>> responses = together(i -> () -> {
            String location = startUpload(name);
            HttpResponse<byte[]> patch = send("PATCH", location, content, "Content-Type", "application/octet-stream",
                    "Content-Range", "0-" + (content.length - 1));
            assertStatus(202, patch);
            return send("PUT", withQuery(header(patch, "Location"), "digest=" + digest), null);
        });
        responses.forEach(r -> assertStatus(201, r));
        assertEquals(1, blobFiles(digest).size());
        assertArrayEquals(content, get("/v2/" + name + "/blobs/" + digest).body());
    }

    /** Runs THREADS tasks released at the same instant and returns their results in order. */
    private static <T> List<T> together(IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch ready = new CountDownLatch(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                Callable<T> work = task.apply(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return work.call();
                }));
            }
            assertTrue(ready.await(10, TimeUnit.SECONDS));
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
