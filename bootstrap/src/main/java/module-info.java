/**
 * Reads configuration, picks the adapters this deployment ships through the service loader, wires
 * them to the use cases and runs the HTTP server. The only module that knows several adapters.
 */
module io.wharf.bootstrap {
    requires io.wharf.domain;
    requires io.wharf.application;
    requires io.wharf.http;
    requires io.wharf.auth;
    requires org.yaml.snakeyaml;
    // logs: Wharf's own formatter and handler on java.util.logging, where System.Logger and SLF4J end up
    requires java.logging;
    requires io.opentelemetry.api;
    requires io.opentelemetry.context;
    requires io.opentelemetry.sdk;
    requires io.opentelemetry.sdk.common;
    requires io.opentelemetry.sdk.metrics;
    requires io.opentelemetry.sdk.trace;
    requires io.opentelemetry.sdk.autoconfigure;
    requires io.opentelemetry.sdk.autoconfigure.spi;
    // the JVM metrics: the platform MXBeans, and HotSpot's GC notifications and process CPU time
    requires java.management;
    requires jdk.management;

    uses io.wharf.domain.port.StorageDriverFactory;
    uses io.wharf.domain.port.MetadataCatalogFactory;
    uses io.wharf.domain.port.EventEndpointFactory;
}
