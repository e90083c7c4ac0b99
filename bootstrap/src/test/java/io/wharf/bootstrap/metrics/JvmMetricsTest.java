package io.wharf.bootstrap.metrics;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.wharf.bootstrap.testing.PrometheusExposition;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JVM's figures from this very JVM, and that closing stops them, GC listener included. */
class JvmMetricsTest {

    /** An SDK of its own with the JVM metrics on it and a reader to scrape it. */
    private record Jvm(SdkMeterProvider provider, PrometheusReader reader, JvmMetrics metrics) implements AutoCloseable {
        static Jvm start() {
            PrometheusReader reader = new PrometheusReader();
            SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
            return new Jvm(provider, reader, JvmMetrics.register(OpenTelemetrySdk.builder().setMeterProvider(provider).build()));
        }

        PrometheusExposition scrape() {
            return PrometheusExposition.parse(reader.scrape());
        }

        double collections() {
            return scrape().sum("jvm_gc_duration_seconds_count", Map.of());
        }

        @Override
        public void close() {
            metrics.close();
            provider.close();
        }
    }

    @Test
    void memoryThreadsClassesAndCpuAreThisJvms() {
        try (Jvm jvm = Jvm.start()) {
            PrometheusExposition exposition = jvm.scrape();
            exposition.family("jvm_memory_used_bytes", "gauge");
            exposition.family("jvm_memory_committed_bytes", "gauge");
            exposition.family("jvm_memory_limit_bytes", "gauge");
            exposition.family("jvm_memory_used_after_last_gc_bytes", "gauge");
            assertTrue(exposition.sum("jvm_memory_used_bytes", Map.of("jvm_memory_type", "heap")) > 0);
            assertTrue(exposition.sum("jvm_memory_used_bytes", Map.of("jvm_memory_type", "non_heap")) > 0);
            assertTrue(exposition.samples("jvm_memory_used_bytes", Map.of()).stream()
                    .allMatch(s -> s.label("jvm_memory_pool_name") != null && !s.label("jvm_memory_pool_name").isEmpty()));

            exposition.family("jvm_thread_count", "gauge");
            double threads = exposition.sum("jvm_thread_count", Map.of());
            int live = ManagementFactory.getThreadMXBean().getThreadCount();
            assertTrue(Math.abs(threads - live) <= 5, threads + " threads counted, " + live + " live");
            assertTrue(exposition.sum("jvm_thread_count", Map.of("jvm_thread_daemon", "true")) > 0);
            assertTrue(exposition.any("jvm_thread_count", s -> s.label("jvm_thread_state").equals("runnable")));

            exposition.family("jvm_class_loaded_total", "counter");
            exposition.family("jvm_class_unloaded_total", "counter");
            assertEquals(ManagementFactory.getClassLoadingMXBean().getLoadedClassCount(),
                    exposition.only(exposition.family("jvm_class_count", "gauge").name(), Map.of()).value(), 500);

            assertEquals(Runtime.getRuntime().availableProcessors(),
                    exposition.only(exposition.family("jvm_cpu_count", "gauge").name(), Map.of()).value());
            assertTrue(exposition.only(exposition.family("jvm_cpu_time_seconds_total", "counter").name(), Map.of())
                    .value() > 0);
            double utilization = exposition.only(exposition.family("jvm_cpu_recent_utilization_ratio", "gauge").name(),
                    Map.of()).value();
            assertTrue(utilization >= 0 && utilization <= 1, "utilization " + utilization);
        }
    }

    @Test
    void collectionsAreTimedUntilClosed() throws InterruptedException {
        try (Jvm open = Jvm.start()) {
            Jvm closed = Jvm.start();
            System.gc();
            awaitMoreCollections(open, 0);
            awaitMoreCollections(closed, 0);
            PrometheusExposition exposition = open.scrape();
            exposition.family("jvm_gc_duration_seconds", "histogram");
            assertTrue(exposition.samples("jvm_gc_duration_seconds_count", Map.of()).stream()
                    .allMatch(s -> s.label("jvm_gc_name") != null && s.label("jvm_gc_action") != null));

            closed.metrics().close();
            double before = closed.collections();
            double openBefore = open.collections();
            System.gc();
            // the listeners hear of one collection together: once the open one has, the closed one would have
            awaitMoreCollections(open, openBefore);
            assertEquals(before, closed.collections(), "a closed JvmMetrics still times collections");
            assertEquals(0, closed.scrape().samples("jvm_memory_used_bytes", Map.of()).size(),
                    "a closed JvmMetrics still reads memory");
            closed.provider().close();
        }
    }

    /** GC notifications arrive on a JDK thread of their own, a moment after the collection. */
    private static void awaitMoreCollections(Jvm jvm, double than) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (jvm.collections() <= than) {
            assertTrue(Instant.now().isBefore(deadline), "no GC notification within 10 s");
            Thread.sleep(20);
        }
    }
}
