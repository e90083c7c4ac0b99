package io.wharf.bootstrap;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.wharf.bootstrap.config.ObservabilitySettings;
import io.wharf.bootstrap.metrics.JvmMetrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The OpenTelemetry SDK, configured the standard way (autoconfigure: {@code OTEL_*} variables, or the
 * same names under {@code otel.} in Wharf's configuration), with three defaults of Wharf's own: an
 * exporter is only on once an endpoint or an exporter is named, so a registry without a collector
 * does not log export failures forever; metrics are always readable on the admin port; and without a
 * traces exporter, requests still get (unsampled) spans, so that log lines carry trace and span ids. The
 * JVM's own figures (memory, GC, threads, classes, CPU) are instruments of every SDK started here.
 */
final class Telemetry implements AutoCloseable {
    static final String SERVICE_NAME = "wharf";
    private static final String TRACES_EXPORTER = "otel.traces.exporter";
    private static final AttributeKey<String> SERVICE_INSTANCE = AttributeKey.stringKey("service.instance.id");

    private final OpenTelemetrySdk sdk;
    private final JvmMetrics jvm;

    private Telemetry(OpenTelemetrySdk sdk) {
        this.sdk = sdk;
        this.jvm = JvmMetrics.register(sdk);
    }

    /**
     * @param readers metric readers besides the configured exporters, e.g. the admin port's Prometheus reader
     */
    static Telemetry start(ObservabilitySettings settings, List<MetricReader> readers) {
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesCustomizer(config -> properties(settings.otelProperties(), config))
                .addResourceCustomizer((resource, config) -> resource.getAttribute(SERVICE_INSTANCE) != null
                        ? resource
                        // several instances share one catalog and store: tell their series apart
                        : resource.merge(Resource.create(Attributes.of(SERVICE_INSTANCE, UUID.randomUUID().toString()))))
                .addTracerProviderCustomizer((tracing, config) -> "none".equals(config.getString(TRACES_EXPORTER))
                        && config.getString("otel.traces.sampler") == null
                        // no exporter: unsampled spans, which record nothing, but give each request the ids its
                        // log lines carry (without a span processor the SDK makes no spans at all)
                        ? tracing.setSampler(Sampler.alwaysOff()).addSpanProcessor(new IdsOnly())
                        : tracing)
                .addMeterProviderCustomizer((meters, config) -> {
                    readers.forEach(meters::registerMetricReader);
                    return meters;
                })
                // Registry.close flushes and shuts the SDK down in order, after the last request
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        return new Telemetry(sdk);
    }

    /** Wharf's configured properties, over the environment's, plus the defaults that depend on both. */
    static Map<String, String> properties(Map<String, String> configured, ConfigProperties environment) {
        Map<String, String> properties = new HashMap<>(configured);
        if (value("otel.service.name", configured, environment) == null) {
            properties.put("otel.service.name", SERVICE_NAME);
        }
        defaultOff(TRACES_EXPORTER, "otel.exporter.otlp.traces.endpoint", configured, environment, properties);
        defaultOff("otel.metrics.exporter", "otel.exporter.otlp.metrics.endpoint", configured, environment, properties);
        defaultOff("otel.logs.exporter", "otel.exporter.otlp.logs.endpoint", configured, environment, properties);
        return properties;
    }

    /** The exporter is {@code none} unless named, or an OTLP endpoint for it (or for all signals) is given. */
    private static void defaultOff(String exporterKey, String signalEndpointKey, Map<String, String> configured,
                                   ConfigProperties environment, Map<String, String> properties) {
        boolean named = value(exporterKey, configured, environment) != null;
        boolean endpoint = value("otel.exporter.otlp.endpoint", configured, environment) != null
                || value(signalEndpointKey, configured, environment) != null;
        if (!named && !endpoint) {
            properties.put(exporterKey, "none");
        }
    }

    private static String value(String key, Map<String, String> configured, ConfigProperties environment) {
        String value = configured.get(key);
        return value != null ? value : environment.getString(key);
    }

    /** A span processor that wants to see no span: it only keeps the SDK's tracer on. */
    private static final class IdsOnly implements SpanProcessor {
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
        }

        @Override
        public boolean isEndRequired() {
            return false;
        }
    }

    OpenTelemetry openTelemetry() {
        return sdk;
    }

    /** Exports what is buffered, then stops the exporters. */
    @Override
    public void close() {
        jvm.close();
        sdk.close();
    }
}
