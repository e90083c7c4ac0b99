/**
 * The OCI Distribution v1.1 HTTP API over Helidon SE. Only {@code io.wharf.http} is exported:
 * callers see {@link io.wharf.http.RegistryHttpServer} and nothing of Helidon.
 */
module io.wharf.http {
    requires transitive io.wharf.application;
    requires io.helidon.webserver;
    requires io.helidon.http;
    requires io.helidon.common.tls;
    requires io.helidon.common.pki;
    requires io.helidon.common.configurable;
    requires io.helidon.common.context;
    requires transitive io.opentelemetry.api;
    requires io.opentelemetry.context;

    exports io.wharf.http;
}
