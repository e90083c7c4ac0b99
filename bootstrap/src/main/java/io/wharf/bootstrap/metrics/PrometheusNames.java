package io.wharf.bootstrap.metrics;

import java.util.Map;

/**
 * OpenTelemetry instrument and attribute names in Prometheus's words, after OpenTelemetry's
 * "Prometheus and OpenMetrics compatibility" specification: characters Prometheus does not allow become
 * {@code _}, the unit becomes a suffix ({@code s} → {@code _seconds}, {@code By} → {@code _bytes},
 * {@code 1} on a gauge → {@code _ratio}, annotations such as {@code {request}} are dropped), and counters
 * end in {@code _total}. Dashboards and alerts depend on these names, so the rules are tested one by one.
 */
final class PrometheusNames {
    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("d", "days"), Map.entry("h", "hours"), Map.entry("min", "minutes"),
            Map.entry("s", "seconds"), Map.entry("ms", "milliseconds"), Map.entry("us", "microseconds"),
            Map.entry("ns", "nanoseconds"), Map.entry("By", "bytes"), Map.entry("KiBy", "kibibytes"),
            Map.entry("MiBy", "mebibytes"), Map.entry("GiBy", "gibibytes"), Map.entry("TiBy", "tebibytes"),
            Map.entry("KBy", "kilobytes"), Map.entry("MBy", "megabytes"), Map.entry("GBy", "gigabytes"),
            Map.entry("TBy", "terabytes"), Map.entry("m", "meters"), Map.entry("V", "volts"),
            Map.entry("A", "amperes"), Map.entry("J", "joules"), Map.entry("W", "watts"), Map.entry("g", "grams"),
            Map.entry("Cel", "celsius"), Map.entry("Hz", "hertz"), Map.entry("%", "percent"));
    /** The denominators of rates, in the singular: {@code By/s} → {@code bytes_per_second}. */
    private static final Map<String, String> PER_UNITS = Map.of("s", "second", "m", "minute", "h", "hour",
            "d", "day", "w", "week", "mo", "month", "y", "year");

    private PrometheusNames() {
    }

    /** The family name of an instrument, e.g. {@code http.server.request.duration} in s → {@code http_server_request_duration_seconds}. */
    static String metric(String instrument, String unit, PrometheusType type) {
        StringBuilder name = new StringBuilder(sanitize(instrument, true));
        if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
            name.insert(0, '_');
        }
        String suffix = unitSuffix(unit, type);
        if (!suffix.isEmpty() && !endsWith(name, "_" + suffix)) {
            name.append('_').append(suffix);
        }
        if (type == PrometheusType.COUNTER && !endsWith(name, "_total")) {
            name.append("_total");
        }
        return collapseUnderscores(name.toString());
    }

    /** A label name for an attribute key, e.g. {@code http.route} → {@code http_route}. */
    static String label(String attribute) {
        String name = collapseUnderscores(sanitize(attribute, false));
        // a leading digit is not allowed, and a leading underscore is reserved for Prometheus's own labels
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            return "key_" + name;
        }
        return name.charAt(0) == '_' ? "key" + name : name;
    }

    private static String unitSuffix(String unit, PrometheusType type) {
        String plain = withoutAnnotations(unit).trim();
        if (plain.equals("1")) {
            return type == PrometheusType.GAUGE ? "ratio" : "";
        }
        if (plain.isEmpty()) {
            return "";
        }
        int slash = plain.indexOf('/');
        if (slash < 0) {
            return sanitize(UNITS.getOrDefault(plain, plain), false);
        }
        String numerator = plain.substring(0, slash).trim();
        String denominator = plain.substring(slash + 1).trim();
        String per = "per_" + PER_UNITS.getOrDefault(denominator, denominator);
        return sanitize(numerator.isEmpty() || numerator.equals("1") ? per
                : UNITS.getOrDefault(numerator, numerator) + "_" + per, false);
    }

    /** Drops UCUM annotations: {@code {request}} → empty, {@code {packet}/s} → {@code /s}. */
    private static String withoutAnnotations(String unit) {
        StringBuilder plain = new StringBuilder(unit.length());
        int depth = 0;
        for (char c : unit.toCharArray()) {
            if (c == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                plain.append(c);
            }
        }
        return plain.toString();
    }

    /** Every character outside {@code [a-zA-Z0-9_]} (and {@code :} in metric names) becomes {@code _}. */
    private static String sanitize(String text, boolean colonAllowed) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || (colonAllowed && c == ':');
            out.append(allowed ? c : '_');
        }
        return out.toString();
    }

    private static String collapseUnderscores(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '_' || out.isEmpty() || out.charAt(out.length() - 1) != '_') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean endsWith(StringBuilder name, String suffix) {
        return name.length() >= suffix.length() && name.substring(name.length() - suffix.length()).equals(suffix);
    }
}
