package io.wharf.bootstrap.metrics;

import io.wharf.bootstrap.testing.PrometheusExposition;
import io.wharf.domain.json.JsonReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/grafana/wharf-dashboard.json is importable (strict JSON, a Prometheus data source variable, an
 * instance variable every query filters on) and honest: every metric its PromQL names is one a real
 * registry writes on its admin port.
 */
@Timeout(120)
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("").toAbsolutePath().resolveSibling("docs")
            .resolve("grafana/wharf-dashboard.json");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");
    private static final Pattern WORD = Pattern.compile("(?<![0-9.])\\b[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,");
    private static final Set<String> PROMQL = Set.of("sum", "max", "min", "avg", "count", "rate", "irate", "increase",
            "histogram_quantile", "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless",
            "clamp_min", "clamp_max", "topk", "bottomk", "delta", "deriv", "abs", "vector", "scalar");

    private static Map<?, ?> dashboard() throws IOException {
        assertTrue(Files.exists(DASHBOARD), DASHBOARD + " is missing");
        return (Map<?, ?>) JsonReader.parse(Files.readAllBytes(DASHBOARD));
    }

    /** Every panel, those inside rows included. */
    private static List<Map<?, ?>> panels(Map<?, ?> dashboard) {
        List<Map<?, ?>> all = new ArrayList<>();
        for (Object panel : (List<?>) dashboard.get("panels")) {
            all.add((Map<?, ?>) panel);
            if (((Map<?, ?>) panel).get("panels") instanceof List<?> nested) {
                nested.forEach(p -> all.add((Map<?, ?>) p));
            }
        }
        return all;
    }

    private static List<String> expressions(Map<?, ?> dashboard) {
        List<String> expressions = new ArrayList<>();
        for (Map<?, ?> panel : panels(dashboard)) {
            if (panel.get("targets") instanceof List<?> targets) {
                targets.forEach(t -> expressions.add((String) ((Map<?, ?>) t).get("expr")));
            }
        }
        return expressions;
    }

    /** The metric (sample) names an expression selects; fails on a name used without a selector. */
    static Set<String> metricNames(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher selector = SELECTOR.matcher(expression);
        while (selector.find()) {
            names.add(selector.group(1));
            assertTrue(selector.group(2).contains("instance=~\"$instance\""),
                    () -> "every selector filters on the instance variable: " + expression);
        }
        String rest = GROUPING.matcher(expression.replaceAll("\"[^\"]*\"", "\"\"").replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "")).replaceAll("$1");
        Matcher word = WORD.matcher(rest);
        while (word.find()) {
            String w = word.group();
            assertTrue(names.contains(w) || PROMQL.contains(w),
                    () -> "'" + w + "' is neither a selected metric nor PromQL known here: " + expression);
        }
        return names;
    }

    @Test
    void itIsImportableWithADataSourceAndAnInstanceVariable() throws IOException {
        Map<?, ?> dashboard = dashboard();
        assertEquals("Wharf", dashboard.get("title"));
        assertFalse(((String) dashboard.get("uid")).isBlank());
        assertFalse(dashboard.containsKey("id"), "an exported dashboard carries no database id");
        List<?> variables = (List<?>) ((Map<?, ?>) dashboard.get("templating")).get("list");
        Map<?, ?> datasource = (Map<?, ?>) variables.get(0);
        assertEquals(List.of("datasource", "datasource", "prometheus"),
                List.of(datasource.get("name"), datasource.get("type"), datasource.get("query")));
        Map<?, ?> instance = (Map<?, ?>) variables.get(1);
        assertEquals(List.of("instance", "query", true), List.of(instance.get("name"), instance.get("type"), instance.get("multi")));

        Set<Object> ids = new HashSet<>();
        for (Map<?, ?> panel : panels(dashboard)) {
            assertTrue(ids.add(panel.get("id")), () -> "panel id twice: " + panel.get("title"));
            assertTrue(panel.get("gridPos") instanceof Map<?, ?>, () -> "no gridPos: " + panel.get("title"));
            if (panel.containsKey("targets")) {
                assertEquals("${datasource}", ((Map<?, ?>) panel.get("datasource")).get("uid"),
                        () -> panel.get("title") + " must use the data source variable");
            }
        }
    }

    @Test
    void itShowsWhatTheIssueAsksFor() throws IOException {
        Set<String> used = new TreeSet<>();
        expressions(dashboard()).forEach(e -> used.addAll(metricNames(e)));
        for (String wanted : List.of("http_server_request_duration_seconds_count",
                "http_server_request_duration_seconds_bucket", "wharf_http_server_request_body_bytes_total",
                "wharf_http_server_response_body_bytes_total", "wharf_storage_call_duration_seconds_bucket",
                "db_client_operation_duration_seconds_bucket", "wharf_uploads_open", "wharf_notifications_pending",
                "wharf_notifications_dead_letters", "wharf_notifications_events_total", "jvm_memory_used_bytes",
                "jvm_gc_duration_seconds_sum", "jvm_thread_count")) {
            assertTrue(used.contains(wanted), () -> wanted + " is on no panel; used: " + used);
        }
    }

    @Test
    void everyMetricItNamesIsInARealScrape(@TempDir Path dir) throws IOException {
        Map<?, ?> dashboard = dashboard();
        Set<String> used = new TreeSet<>();
        expressions(dashboard).forEach(e -> used.addAll(metricNames(e)));
        Matcher variable = LABEL_VALUES.matcher(String.valueOf(((Map<?, ?>) dashboard.get("templating")).get("list")));
        while (variable.find()) {
            used.add(variable.group(1));
        }

        Set<String> scraped;
        try (ServedRegistry served = ServedRegistry.serve(dir)) {
            PrometheusExposition exposition = served.settledScrape();
            scraped = exposition.sampleNames();
        }
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(scraped);
        assertEquals(Set.of(), missing, "metrics on the dashboard that Wharf does not write");
    }

    @Test
    void theExpressionCheckCatchesWhatItShould() {
        assertEquals(Set.of("a_total"), metricNames("sum by (le, x) (rate(a_total{instance=~\"$instance\", s=~\"5..\"}[$__rate_interval]))"));
        assertFailure(() -> metricNames("rate(a_total[5m])"));
        assertFailure(() -> metricNames("rate(a_total{job=\"x\"}[5m])"));
    }

    private static void assertFailure(Runnable check) {
        try {
            check.run();
        } catch (AssertionError expected) {
            return;
        }
        throw new AssertionError("the check let a bad expression through");
    }
}
