package io.wharf.bootstrap.metrics;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JVM's memory, garbage collection, threads, classes and CPU as OpenTelemetry instruments named by
 * the JVM semantic conventions ({@code jvm.memory.used}, {@code jvm.gc.duration}, …), read from the
 * platform MXBeans when metrics are collected. The names match what the OpenTelemetry Java agent reports,
 * so dashboards made for it work on Wharf.
 *
 * <p>{@code jvm.gc.duration} is a histogram fed by the collectors' notifications, as the conventions
 * define it, rather than a counter of {@code GarbageCollectorMXBean.getCollectionTime()}: its
 * {@code _sum} and {@code _count} give the same GC time and frequency, and its buckets also tell one long
 * pause from many short ones. The price is a listener a collector, removed again by {@link #close()}.
 */
public final class JvmMetrics implements AutoCloseable {
    static final String INSTRUMENTATION = "io.wharf.jvm";
    private static final AttributeKey<String> MEMORY_TYPE = AttributeKey.stringKey("jvm.memory.type");
    private static final AttributeKey<String> MEMORY_POOL = AttributeKey.stringKey("jvm.memory.pool.name");
    private static final AttributeKey<String> GC_NAME = AttributeKey.stringKey("jvm.gc.name");
    private static final AttributeKey<String> GC_ACTION = AttributeKey.stringKey("jvm.gc.action");
    private static final AttributeKey<Boolean> THREAD_DAEMON = AttributeKey.booleanKey("jvm.thread.daemon");
    private static final AttributeKey<String> THREAD_STATE = AttributeKey.stringKey("jvm.thread.state");
    /** The conventions' advice: collections take from about a millisecond to seconds. */
    private static final List<Double> GC_BUCKETS = List.of(0.01, 0.1, 1.0, 10.0);

    private final List<AutoCloseable> instruments = new ArrayList<>();
    private final Map<NotificationEmitter, NotificationListener> gcListeners = new HashMap<>();

    private JvmMetrics() {
    }

    /** Registers the JVM's instruments with {@code openTelemetry}'s meter provider until {@link #close()}. */
    public static JvmMetrics register(OpenTelemetry openTelemetry) {
        JvmMetrics metrics = new JvmMetrics();
        Meter meter = openTelemetry.getMeter(INSTRUMENTATION);
        metrics.memory(meter);
        metrics.garbageCollection(meter);
        metrics.threads(meter);
        metrics.classes(meter);
        metrics.cpu(meter);
        return metrics;
    }

    private void memory(Meter meter) {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        ObservableLongMeasurement used = meter.upDownCounterBuilder("jvm.memory.used").setUnit("By")
                .setDescription("Measure of memory used").buildObserver();
        ObservableLongMeasurement committed = meter.upDownCounterBuilder("jvm.memory.committed").setUnit("By")
                .setDescription("Measure of memory committed").buildObserver();
        ObservableLongMeasurement limit = meter.upDownCounterBuilder("jvm.memory.limit").setUnit("By")
                .setDescription("Measure of max obtainable memory").buildObserver();
        ObservableLongMeasurement afterGc = meter.upDownCounterBuilder("jvm.memory.used_after_last_gc").setUnit("By")
                .setDescription("Measure of memory used, as measured after the most recent garbage collection event "
                        + "on this pool").buildObserver();
        instruments.add(meter.batchCallback(() -> {
            for (MemoryPoolMXBean pool : pools) {
                Attributes attributes = Attributes.of(MEMORY_TYPE,
                        pool.getType() == MemoryType.HEAP ? "heap" : "non_heap", MEMORY_POOL, pool.getName());
                MemoryUsage usage = pool.getUsage();
                used.record(usage.getUsed(), attributes);
                committed.record(usage.getCommitted(), attributes);
                if (usage.getMax() >= 0) { // -1: the pool has no limit
                    limit.record(usage.getMax(), attributes);
                }
                MemoryUsage collected = pool.getCollectionUsage(); // null: no collector manages the pool
                if (collected != null) {
                    afterGc.record(collected.getUsed(), attributes);
                }
            }
        }, used, committed, limit, afterGc));
    }

    private void garbageCollection(Meter meter) {
        DoubleHistogram duration = meter.histogramBuilder("jvm.gc.duration").setUnit("s")
                .setDescription("Duration of JVM garbage collection actions")
                .setExplicitBucketBoundariesAdvice(GC_BUCKETS)
                .build();
        NotificationListener listener = (Notification notification, Object handback) -> {
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                    (CompositeData) notification.getUserData());
            duration.record(info.getGcInfo().getDuration() / 1e3,
                    Attributes.of(GC_NAME, info.getGcName(), GC_ACTION, info.getGcAction()));
        };
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, notification -> notification.getType()
                        .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION), null);
                gcListeners.put(emitter, listener);
            }
        }
    }

    private void threads(Meter meter) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        instruments.add(meter.upDownCounterBuilder("jvm.thread.count").setUnit("{thread}")
                .setDescription("Number of executing platform threads")
                .buildWithCallback(measurement -> {
                    Map<Attributes, Long> counts = new HashMap<>();
                    // without stack traces: a state and a daemon flag a thread is all this needs
                    for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
                        if (thread != null) { // ended since the ids were read
                            counts.merge(Attributes.of(THREAD_DAEMON, thread.isDaemon(), THREAD_STATE,
                                    thread.getThreadState().name().toLowerCase(Locale.ROOT)), 1L, Long::sum);
                        }
                    }
                    counts.forEach((attributes, count) -> measurement.record(count, attributes));
                }));
    }

    private void classes(Meter meter) {
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        instruments.add(meter.counterBuilder("jvm.class.loaded").setUnit("{class}")
                .setDescription("Number of classes loaded since JVM start")
                .buildWithCallback(measurement -> measurement.record(classes.getTotalLoadedClassCount())));
        instruments.add(meter.counterBuilder("jvm.class.unloaded").setUnit("{class}")
                .setDescription("Number of classes unloaded since JVM start")
                .buildWithCallback(measurement -> measurement.record(classes.getUnloadedClassCount())));
        instruments.add(meter.upDownCounterBuilder("jvm.class.count").setUnit("{class}")
                .setDescription("Number of classes currently loaded")
                .buildWithCallback(measurement -> measurement.record(classes.getLoadedClassCount())));
    }

    private void cpu(Meter meter) {
        Runtime runtime = Runtime.getRuntime();
        instruments.add(meter.upDownCounterBuilder("jvm.cpu.count").setUnit("{cpu}")
                .setDescription("Number of processors available to the Java virtual machine")
                .buildWithCallback(measurement -> measurement.record(runtime.availableProcessors())));
        // HotSpot's extension of the platform bean; another JVM may lack it, and then these two are left out
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            instruments.add(meter.counterBuilder("jvm.cpu.time").ofDoubles().setUnit("s")
                    .setDescription("CPU time used by the process as reported by the JVM")
                    .buildWithCallback(measurement -> {
                        long nanos = os.getProcessCpuTime();
                        if (nanos >= 0) { // negative: the platform cannot tell
                            measurement.record(nanos / 1e9);
                        }
                    }));
            instruments.add(meter.gaugeBuilder("jvm.cpu.recent_utilization").setUnit("1")
                    .setDescription("Recent CPU utilization for the process as reported by the JVM")
                    .buildWithCallback(measurement -> {
                        double load = os.getProcessCpuLoad();
                        if (load >= 0) { // negative: not known yet
                            measurement.record(load);
                        }
                    }));
        }
    }

    /** Stops the callbacks and removes the GC listeners, which would otherwise outlive the SDK. */
    @Override
    public void close() {
        for (AutoCloseable instrument : instruments) {
            try {
                instrument.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing a JVM instrument failed", e);
            }
        }
        gcListeners.forEach((emitter, listener) -> {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // already gone: nothing to remove
            }
        });
    }
}
