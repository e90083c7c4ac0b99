package io.wharf.bootstrap.metrics;

import io.wharf.bootstrap.metrics.ServedRegistry.Request;
import io.wharf.bootstrap.testing.PrometheusExposition;
import io.wharf.bootstrap.testing.PrometheusExposition.Sample;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.wharf.bootstrap.metrics.ServedRegistry.BLOBS;
import static io.wharf.bootstrap.metrics.ServedRegistry.MANIFESTS;
import static io.wharf.bootstrap.metrics.ServedRegistry.UPLOAD_START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /metrics} on the admin port of the real registry after pushes, pulls, misses and open
 * uploads: the exposition is well formed (the parser is strict) and every family tells what happened.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class MetricsEndpointTest {
    private static final String DURATION = "http_server_request_duration_seconds";
    private static final String BYTES_IN = "wharf_http_server_request_body_bytes_total";
    private static final String BYTES_OUT = "wharf_http_server_response_body_bytes_total";

    private ServedRegistry served;
    private PrometheusExposition scrape;

    @BeforeAll
    void serveAndScrape(@TempDir Path dir) {
        served = ServedRegistry.serve(dir);
        scrape = served.settledScrape();
    }

    @AfterAll
    void stop() {
        if (served != null) {
            served.close();
        }
    }

    private static Map<String, String> labels(Request request) {
        Map<String, String> labels = new HashMap<>(Map.of("http_request_method", request.method(),
                "http_response_status_code", Integer.toString(request.status())));
        if (!request.route().isEmpty()) {
            labels.put("http_route", request.route());
        }
        return labels;
    }

    @Test
    void theAdminPortAnswersTheTextFormat() {
        HttpResponse<byte[]> response = served.scrapeResponse();
        assertEquals(200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void everyRequestIsCountedOnceByMethodRouteAndStatus() {
        scrape.family(DURATION, "histogram");
        served.requests.forEach((request, count) -> {
            List<Sample> series = scrape.samples(DURATION + "_count", labels(request)).stream()
                    .filter(s -> request.route().isEmpty() == (s.label("http_route") == null)).toList();
            assertEquals(1, series.size(), () -> request + ": " + series);
            assertEquals((double) count, series.getFirst().value(), () -> request + " counted");
            assertEquals("http", series.getFirst().label("url_scheme"));
        });
        assertEquals(served.requestCount(), scrape.sum(DURATION + "_count", Map.of()),
                "every request is counted once, and scrapes of the admin port are not counted");
        assertTrue(scrape.sum(DURATION + "_sum", Map.of()) > 0);
        assertEquals(0, scrape.sum("http_server_active_requests", Map.of()), "no request in flight");
        scrape.family("http_server_active_requests", "gauge");
    }

    @Test
    void bytesInAndOutAreAtLeastWhatWasPushedAndPulled() {
        scrape.family(BYTES_IN, "counter");
        scrape.family(BYTES_OUT, "counter");
        assertTrue(scrape.sum(BYTES_IN, labels(new Request("POST", UPLOAD_START, 201)))
                >= served.layer.length + served.config.length);
        assertTrue(scrape.sum(BYTES_IN, labels(new Request("PUT", MANIFESTS, 201))) >= served.manifest.length);
        assertTrue(scrape.sum(BYTES_OUT, labels(new Request("GET", BLOBS, 200))) >= 2L * served.layer.length);
        assertTrue(scrape.sum(BYTES_OUT, labels(new Request("GET", MANIFESTS, 200))) >= 3L * served.manifest.length);
        assertEquals(0, scrape.sum(BYTES_OUT, labels(new Request("HEAD", MANIFESTS, 200))), "HEAD sends no body");
    }

    @Test
    void storageCallsAreTimedByDriverAndOperation() {
        scrape.family("wharf_storage_call_duration_seconds", "histogram");
        List<Sample> calls = scrape.samples("wharf_storage_call_duration_seconds_count", Map.of());
        assertTrue(calls.stream().allMatch(s -> "filesystem".equals(s.label("wharf_storage_driver"))
                && s.label("wharf_storage_outcome") != null), calls::toString);
        Set<String> operations = calls.stream().map(s -> s.label("wharf_storage_operation"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(operations.containsAll(Set.of("writer", "reader")), operations::toString);
    }

    @Test
    void sqlStatementsAreTimedByOperation() {
        scrape.family("db_client_operation_duration_seconds", "histogram");
        List<Sample> statements = scrape.samples("db_client_operation_duration_seconds_count", Map.of());
        assertTrue(statements.stream().allMatch(s -> "postgresql".equals(s.label("db_system_name"))), statements::toString);
        Set<String> operations = statements.stream().map(s -> s.label("db_operation_name"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(operations.containsAll(Set.of("SELECT", "INSERT", "DELETE")), operations::toString);
    }

    @Test
    void openUploadsComeFromTheCatalog() {
        scrape.family("wharf_uploads_open", "gauge");
        assertEquals(ServedRegistry.OPEN_UPLOADS, scrape.only("wharf_uploads_open", Map.of()).value(),
                "three started, one cancelled; monolithic pushes leave none open");
    }

    @Test
    void webhookDeliveriesAndTheOutboxAreReported() {
        Map<String, String> ci = Map.of("wharf_notifications_endpoint", "ci");
        scrape.family("wharf_notifications_events_total", "counter");
        assertTrue(scrape.sum("wharf_notifications_events_total", Map.of("wharf_notifications_endpoint", "ci",
                "wharf_notifications_outcome", "delivered")) >= 1);
        scrape.family("wharf_notifications_delivery_duration_seconds", "histogram");
        assertTrue(scrape.sum("wharf_notifications_delivery_duration_seconds_count", ci) >= 1);
        scrape.family("wharf_notifications_pending", "gauge");
        assertTrue(scrape.only("wharf_notifications_pending", ci).value() >= 0);
        scrape.family("wharf_notifications_dead_letters", "gauge");
        assertEquals(0, scrape.only("wharf_notifications_dead_letters", ci).value());
    }

    @Test
    void theJvmIsDescribedBySemanticConventionNames() {
        for (String gauge : List.of("jvm_memory_used_bytes", "jvm_memory_committed_bytes", "jvm_memory_limit_bytes",
                "jvm_memory_used_after_last_gc_bytes", "jvm_thread_count", "jvm_class_count", "jvm_cpu_count",
                "jvm_cpu_recent_utilization_ratio")) {
            scrape.family(gauge, "gauge");
        }
        for (String counter : List.of("jvm_cpu_time_seconds_total", "jvm_class_loaded_total", "jvm_class_unloaded_total")) {
            scrape.family(counter, "counter");
        }
        scrape.family("jvm_gc_duration_seconds", "histogram");
        assertTrue(scrape.sum("jvm_memory_used_bytes", Map.of("jvm_memory_type", "heap")) > 0);
        assertTrue(scrape.any("jvm_memory_used_bytes", s -> s.label("jvm_memory_pool_name") != null));
        assertTrue(scrape.any("jvm_thread_count", s -> s.label("jvm_thread_daemon") != null
                && s.label("jvm_thread_state") != null));
        assertTrue(scrape.any("jvm_gc_duration_seconds_count", s -> s.label("jvm_gc_name") != null
                && s.label("jvm_gc_action") != null));
    }

    @Test
    void theInstanceIsNamedInTargetInfo() {
        Sample target = scrape.only(scrape.family("target_info", "gauge").name(), Map.of());
        assertEquals("wharf", target.label("service_name"));
        assertFalse(target.label("service_instance_id").isBlank());
    }
}
