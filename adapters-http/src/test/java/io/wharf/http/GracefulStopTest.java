package io.wharf.http;

import io.wharf.domain.model.Digest;
import io.wharf.domain.model.Reference;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.StoredManifest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GracefulStopTest {

    @Test
    void a_request_in_flight_finishes_when_the_server_stops() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
        InTestFakes.ManifestStore slow = new InTestFakes.ManifestStore() {
            @Override
            public StoredManifest get(RepositoryName repository, Reference reference) {
                entered.countDown();
                try {
                    Thread.sleep(400);
                } catch (InterruptedException e) {
                    throw new IllegalStateException("interrupted: the stop was not graceful", e);
                }
                return new StoredManifest("application/vnd.oci.image.manifest.v1+json", Digest.sha256(payload), payload);
            }
        };
        RegistryHttpServer server = RegistryHttpServer.builder()
                .blobUploads(new InTestFakes.Uploads()).blobReads(new InTestFakes.Blobs())
                .manifests(slow).listings(new InTestFakes.Listing())
                .host("127.0.0.1").port(0).shutdownGracePeriod(Duration.ofSeconds(5))
                .start();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v2/a/manifests/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(entered.await(5, TimeUnit.SECONDS));

        server.stop();

        HttpResponse<String> response = inFlight.get(5, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertEquals("{}", response.body());
        assertFalse(server.isRunning());
    }
}
