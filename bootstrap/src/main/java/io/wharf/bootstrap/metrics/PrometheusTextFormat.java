package io.wharf.bootstrap.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.resources.Resource;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Collected OpenTelemetry metrics as the Prometheus text exposition format, version 0.0.4: one
 * {@code # HELP}/{@code # TYPE} block a family, families in name order, no timestamps (the scrape's
 * time is the sample's). Data must be cumulative. Counters are monotonic sums; up-down counters and
 * gauges are gauges; explicit-bucket histograms get {@code _bucket} (cumulative, ending in
 * {@code le="+Inf"}), {@code _sum} and {@code _count}. Exponential histograms and summaries have no
 * form in this text format and are left out; Wharf's instruments make neither. The instrumentation
 * scope is left out too (no {@code otel_scope_name} label on every series): instrument names are unique
 * across Wharf's scopes, and should two scopes still write one series, the first is kept, since
 * Prometheus rejects a scrape holding a series twice. The resource
 * (service.name, service.instance.id, …) comes out once, as the {@code target_info} family the
 * specification names, so a series can be joined to the instance's traces.
 */
final class PrometheusTextFormat {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final System.Logger LOG = System.getLogger(PrometheusTextFormat.class.getName());

    private PrometheusTextFormat() {
    }

    /** One metric family: its instruments (several scopes may name the same one) share the name and type. */
    private record Family(String name, PrometheusType type, String help, List<MetricData> metrics) {
    }

    static String write(Collection<MetricData> metrics) {
        Map<String, Family> families = new TreeMap<>();
        Resource resource = Resource.empty();
        for (MetricData metric : metrics) {
            resource = metric.getResource();
            Optional<PrometheusType> type = type(metric);
            if (type.isEmpty()) {
                continue;
            }
            String name = PrometheusNames.metric(metric.getName(), metric.getUnit(), type.get());
            Family family = families.computeIfAbsent(name,
                    n -> new Family(n, type.get(), metric.getDescription(), new ArrayList<>()));
            if (family.type() == type.get()) {
                family.metrics().add(metric);
            } else {
                // one name, two types would be a malformed exposition: keep the first
                LOG.log(Level.DEBUG, "metric {0} of {1} is a {2}, already a {3} elsewhere; left out",
                        name, metric.getInstrumentationScopeInfo().getName(), type.get().text(), family.type().text());
            }
        }
        StringBuilder out = new StringBuilder(16 * 1024);
        families.values().forEach(family -> family(out, family));
        targetInfo(out, resource);
        return out.toString();
    }

    private static Optional<PrometheusType> type(MetricData metric) {
        return switch (metric.getType()) {
            case LONG_GAUGE, DOUBLE_GAUGE -> Optional.of(PrometheusType.GAUGE);
            case LONG_SUM -> Optional.of(metric.getLongSumData().isMonotonic()
                    ? PrometheusType.COUNTER : PrometheusType.GAUGE);
            case DOUBLE_SUM -> Optional.of(metric.getDoubleSumData().isMonotonic()
                    ? PrometheusType.COUNTER : PrometheusType.GAUGE);
            case HISTOGRAM -> Optional.of(PrometheusType.HISTOGRAM);
            case SUMMARY, EXPONENTIAL_HISTOGRAM -> Optional.empty();
        };
    }

    private static void family(StringBuilder out, Family family) {
        if (!family.help().isEmpty()) {
            out.append("# HELP ").append(family.name()).append(' ').append(escapeHelp(family.help())).append('\n');
        }
        out.append("# TYPE ").append(family.name()).append(' ').append(family.type().text()).append('\n');
        Set<String> written = new HashSet<>();
        for (MetricData metric : family.metrics()) {
            for (PointData point : metric.getData().getPoints()) {
                String labels = labels(point.getAttributes());
                if (!written.add(labels)) {
                    // the same series from a second scope: Prometheus would reject the whole scrape
                    LOG.log(Level.DEBUG, "series {0}'{'{1}'}' of {2} is written already; left out", family.name(),
                            labels, metric.getInstrumentationScopeInfo().getName());
                    continue;
                }
                switch (point) {
                    case LongPointData p -> sample(out, family.name(), labels, Long.toString(p.getValue()));
                    case DoublePointData p -> sample(out, family.name(), labels, number(p.getValue()));
                    case HistogramPointData p -> histogram(out, family.name(), labels, p);
                    default -> throw new IllegalStateException("unexpected point " + point.getClass().getName());
                }
            }
        }
    }

    private static void histogram(StringBuilder out, String name, String labels, HistogramPointData point) {
        String prefix = labels.isEmpty() ? "" : labels + ",";
        List<Double> boundaries = point.getBoundaries();
        List<Long> counts = point.getCounts();
        long cumulative = 0;
        for (int i = 0; i < boundaries.size(); i++) {
            cumulative += counts.get(i);
            sample(out, name + "_bucket", prefix + "le=\"" + number(boundaries.get(i)) + "\"", Long.toString(cumulative));
        }
        sample(out, name + "_bucket", prefix + "le=\"+Inf\"", Long.toString(point.getCount()));
        sample(out, name + "_sum", labels, number(point.getSum()));
        sample(out, name + "_count", labels, Long.toString(point.getCount()));
    }

    private static void targetInfo(StringBuilder out, Resource resource) {
        if (resource.getAttributes().isEmpty()) {
            return;
        }
        out.append("# HELP target_info Target metadata\n# TYPE target_info gauge\n");
        sample(out, "target_info", labels(resource.getAttributes()), "1");
    }

    private static void sample(StringBuilder out, String name, String labels, String value) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{').append(labels).append('}');
        }
        out.append(' ').append(value).append('\n');
    }

    /**
     * {@code name="value",…} in label order. Two attribute keys that sanitize to one label name (e.g.
     * {@code a.b} and {@code a_b}) share it, their values joined by {@code ;} in key order, as the
     * specification says, rather than writing a label twice.
     */
    private static String labels(Attributes attributes) {
        Map<String, String> labels = new TreeMap<>();
        attributes.forEach((AttributeKey<?> key, Object value) ->
                labels.merge(PrometheusNames.label(key.getKey()), attributeValue(value), (a, b) -> a + ";" + b));
        StringBuilder out = new StringBuilder();
        labels.forEach((name, value) -> {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(name).append("=\"").append(escapeLabelValue(value)).append('"');
        });
        return out.toString();
    }

    /** Scalars as text; array attributes as a JSON array, as the specification asks. */
    private static String attributeValue(Object value) {
        if (!(value instanceof List<?> list)) {
            return String.valueOf(value);
        }
        StringBuilder json = new StringBuilder("[");
        for (Object item : list) {
            if (json.length() > 1) {
                json.append(',');
            }
            if (item instanceof String s) {
                json.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                json.append(item);
            }
        }
        return json.append(']').toString();
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(value);
    }

    /** In a label value, backslash, double quote and line feed are escaped. */
    static String escapeLabelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** In HELP text, backslash and line feed are escaped; a double quote stays as it is. */
    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
