package io.wharf.bootstrap.metrics;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The OpenTelemetry → Prometheus naming rules, one by one: dashboards and alerts depend on the names. */
class PrometheusNamesTest {

    @ParameterizedTest(name = "{0} [{1}] as {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "http.server.request.duration | s        | HISTOGRAM | http_server_request_duration_seconds",
            "wharf.http.server.request.body | By     | COUNTER   | wharf_http_server_request_body_bytes_total",
            "http.server.active_requests | {request} | GAUGE     | http_server_active_requests",
            "wharf.notifications.events | {event}    | COUNTER   | wharf_notifications_events_total",
            "jvm.cpu.recent_utilization | 1          | GAUGE     | jvm_cpu_recent_utilization_ratio",
            "jvm.cpu.time               | s          | COUNTER   | jvm_cpu_time_seconds_total",
            "requests                   | 1          | COUNTER   | requests_total",
            "jvm.memory.used            | By         | GAUGE     | jvm_memory_used_bytes",
            "queue.wait.seconds         | s          | HISTOGRAM | queue_wait_seconds",
            "errors_total               | ''         | COUNTER   | errors_total",
            "link.throughput            | By/s       | GAUGE     | link_throughput_bytes_per_second",
            "packets.rate               | {packet}/s | GAUGE     | packets_rate_per_second",
            "cache.size                 | MiBy       | GAUGE     | cache_size_mebibytes",
            "odd-name..with spaces      | ''         | GAUGE     | odd_name_with_spaces",
            "2xx.responses              | ''         | COUNTER   | _2xx_responses_total",
            "ns:subsystem.metric        | ''         | GAUGE     | ns:subsystem_metric",
            "temperature                | Cel        | GAUGE     | temperature_celsius",
            "widgets                    | furlong    | GAUGE     | widgets_furlong",
    })
    void instrumentNamesAndUnitsBecomeFamilyNames(String instrument, String unit, PrometheusType type, String expected) {
        assertEquals(expected, PrometheusNames.metric(instrument, unit, type));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "http.route                 | http_route",
            "http.response.status_code  | http_response_status_code",
            "jvm.memory.pool.name       | jvm_memory_pool_name",
            "service.instance.id        | service_instance_id",
            "1st.try                    | key_1st_try",
            "_private                   | key_private",
            "__reserved                 | key_reserved",
            "a-b/c d                    | a_b_c_d",
    })
    void attributeKeysBecomeLabelNames(String attribute, String expected) {
        assertEquals(expected, PrometheusNames.label(attribute));
    }
}
