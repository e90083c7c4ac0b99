package io.wharf.bootstrap.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.wharf.bootstrap.testing.PrometheusExposition;
import io.wharf.bootstrap.testing.PrometheusExposition.Family;
import io.wharf.bootstrap.testing.PrometheusExposition.Sample;
import io.wharf.http.AdminEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reader and the text writer on a real SDK: instruments recorded through the OpenTelemetry API come
 * out as well-formed families with Prometheus's names, types, escaping and cumulative buckets.
 */
class PrometheusReaderTest {
    private final PrometheusReader reader = new PrometheusReader();
    private final SdkMeterProvider provider = SdkMeterProvider.builder()
            .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "wharf",
                    AttributeKey.stringKey("service.instance.id"), "i-1")))
            .registerMetricReader(reader)
            .build();
    private final Meter meter = provider.get("test");

    @AfterEach
    void close() {
        provider.close();
    }

    private PrometheusExposition scrape() {
        return PrometheusExposition.parse(reader.scrape());
    }

    @Test
    void countersAreCumulativeTotalsWithUnitSuffix() {
        LongCounter bytes = meter.counterBuilder("wharf.http.server.request.body").setUnit("By")
                .setDescription("Request body bytes read").build();
        Attributes put = Attributes.of(AttributeKey.stringKey("http.request.method"), "PUT");
        bytes.add(100, put);
        assertEquals(100, scrape().only("wharf_http_server_request_body_bytes_total", Map.of()).value());
        bytes.add(23, put);
        bytes.add(7, Attributes.of(AttributeKey.stringKey("http.request.method"), "POST"));

        PrometheusExposition exposition = scrape();
        Family family = exposition.family("wharf_http_server_request_body_bytes_total", "counter");
        assertEquals("Request body bytes read", family.help());
        assertEquals(123, exposition.only(family.name(), Map.of("http_request_method", "PUT")).value(),
                "cumulative: the second scrape holds the first one's bytes too");
        assertEquals(7, exposition.only(family.name(), Map.of("http_request_method", "POST")).value());
    }

    @Test
    void upDownCountersAndGaugesAreGauges() {
        meter.upDownCounterBuilder("http.server.active_requests").setUnit("{request}").build().add(-2);
        meter.gaugeBuilder("jvm.cpu.recent_utilization").setUnit("1").buildWithCallback(m -> m.record(0.25));
        meter.gaugeBuilder("wharf.uploads.open").ofLongs().buildWithCallback(m -> m.record(3));

        PrometheusExposition exposition = scrape();
        assertEquals(-2, exposition.only(exposition.family("http_server_active_requests", "gauge").name(), Map.of()).value());
        assertEquals(0.25, exposition.only(exposition.family("jvm_cpu_recent_utilization_ratio", "gauge").name(), Map.of()).value());
        assertEquals(3, exposition.only(exposition.family("wharf_uploads_open", "gauge").name(), Map.of()).value());
    }

    @Test
    void histogramsHaveCumulativeBucketsSumAndCount() {
        DoubleHistogram duration = meter.histogramBuilder("http.server.request.duration").setUnit("s")
                .setExplicitBucketBoundariesAdvice(List.of(0.1, 1.0, 10.0)).build();
        Attributes get = Attributes.of(AttributeKey.stringKey("http.route"), "/v2/");
        for (double seconds : new double[] {0.05, 0.05, 0.5, 5, 50}) {
            duration.record(seconds, get);
        }

        PrometheusExposition exposition = scrape(); // the parser checks cumulative buckets, +Inf = _count
        exposition.family("http_server_request_duration_seconds", "histogram");
        Map<String, String> route = Map.of("http_route", "/v2/");
        List<String> buckets = exposition.samples("http_server_request_duration_seconds_bucket", route).stream()
                .map(s -> s.label("le") + "=" + (long) s.value()).toList();
        assertEquals(List.of("0.1=2", "1.0=3", "10.0=4", "+Inf=5"), buckets);
        assertEquals(55.6, exposition.only("http_server_request_duration_seconds_sum", route).value(), 1e-9);
        assertEquals(5, exposition.only("http_server_request_duration_seconds_count", route).value());
    }

    @Test
    void labelValuesAndHelpAreEscapedAndReadBack() {
        String awkward = "C:\\path \"quoted\"\nnext line, {braces} = ok";
        meter.counterBuilder("odd").setDescription("Help with \\ and\nnewline and \"quotes\"").build()
                .add(1, Attributes.of(AttributeKey.stringKey("value"), awkward));

        String text = reader.scrape();
        assertTrue(text.contains("# HELP odd_total Help with \\\\ and\\nnewline and \"quotes\"\n"), text);
        assertTrue(text.contains("odd_total{value=\"C:\\\\path \\\"quoted\\\"\\nnext line, {braces} = ok\"} 1\n"), text);
        PrometheusExposition exposition = PrometheusExposition.parse(text);
        assertEquals("Help with \\ and\nnewline and \"quotes\"", exposition.family("odd_total", "counter").help());
        assertEquals(awkward, exposition.only("odd_total", Map.of()).label("value"));
    }

    @Test
    void attributeKeysAreSanitizedAndCollisionsJoined() {
        meter.counterBuilder("requests").build().add(1, Attributes.builder()
                .put("http.route", "/v2/")
                .put("http_route", "other")
                .put("1st", true)
                .put("retries", 3L)
                .put(AttributeKey.stringArrayKey("tags"), List.of("a", "b\"c"))
                .build());

        Sample sample = scrape().only("requests_total", Map.of());
        assertEquals(Map.of("http_route", "/v2/;other", "key_1st", "true", "retries", "3", "tags", "[\"a\",\"b\\\"c\"]"),
                sample.labels());
    }

    @Test
    void familiesComeOnceInNameOrderWithTheResourceAsTargetInfo() {
        AttributeKey<String> key = AttributeKey.stringKey("k");
        meter.counterBuilder("b.second").build().add(1);
        meter.counterBuilder("a.first").build().add(1, Attributes.of(key, "x"));
        provider.get("other scope").counterBuilder("a.first").build().add(2, Attributes.of(key, "y"));

        PrometheusExposition exposition = scrape(); // the parser fails on a family declared twice
        assertEquals(List.of("a_first_total", "b_second_total", "target_info"), List.copyOf(exposition.families().keySet()));
        assertEquals(3, exposition.sum("a_first_total", Map.of()), "both scopes' series are in the one family");
        assertEquals(Map.of("service_name", "wharf", "service_instance_id", "i-1"),
                exposition.only(exposition.family("target_info", "gauge").name(), Map.of()).labels());
    }

    @Test
    void oneNameWithTwoTypesIsWrittenAsOneFamilyOfOneType() {
        meter.counterBuilder("clash").build().add(1);
        provider.get("other scope").histogramBuilder("clash_total").build().record(1);

        // the parser fails on a second TYPE line and on samples that do not fit the family's type
        assertFalse(scrape().families().get("clash_total").samples().isEmpty());
    }

    @Test
    void theSameSeriesFromTwoScopesIsWrittenOnce() {
        meter.counterBuilder("twice").build().add(1);
        provider.get("other scope").counterBuilder("twice").build().add(2);

        // the parser fails on a series written twice, which Prometheus would reject whole
        assertEquals(1, scrape().samples("twice_total", Map.of()).size());
    }

    @Test
    void theEndpointAnswersTextFormat004AndNothingAfterShutdown() {
        meter.counterBuilder("x").build().add(1);
        AdminEndpoint.Response response = reader.respond();
        assertEquals(200, response.status());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.contentType());
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("x_total 1\n"));

        provider.close();
        assertEquals("", reader.scrape());
    }
}
