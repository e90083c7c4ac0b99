package io.wharf.bootstrap.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for tests: it fails with an
 * {@link AssertionError} on anything Prometheus would reject or that the format forbids. Every sample
 * must belong to the family whose {@code # TYPE} came last (a counter's or gauge's own name; a
 * histogram's {@code _bucket}, {@code _sum}, {@code _count}), a family is declared once and its samples
 * stand together, no series appears twice, label values are read with their escapes, and each
 * histogram's buckets are cumulative and end in {@code le="+Inf"} equal to its {@code _count}.
 */
public final class PrometheusExposition {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One line of data: a name, its labels and the value. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public String label(String name) {
            return labels.get(name);
        }

        /** True when every given label has the given value. */
        public boolean has(Map<String, String> wanted) {
            return labels.entrySet().containsAll(wanted.entrySet());
        }
    }

    /** A {@code # TYPE}d family with its HELP text (empty if none) and its samples in exposition order. */
    public record Family(String name, String type, String help, List<Sample> samples) {
    }

    private final Map<String, Family> families;

    private PrometheusExposition(Map<String, Family> families) {
        this.families = families;
    }

    public static PrometheusExposition parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("the exposition must end with a line feed");
        }
        Map<String, Family> families = new LinkedHashMap<>();
        Map<String, String> help = new LinkedHashMap<>();
        Set<String> series = new HashSet<>();
        Family current = null;
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            String where = "line " + number + " '" + line + "': ";
            if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                requireName(parts[0], where);
                if (families.containsKey(parts[0]) || help.put(parts[0], parts.length > 1 ? unescapeHelp(parts[1], where) : "") != null) {
                    throw new AssertionError(where + "HELP after the family's TYPE, or twice");
                }
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                if (parts.length != 2 || !TYPES.contains(parts[1])) {
                    throw new AssertionError(where + "not '# TYPE name type'");
                }
                requireName(parts[0], where);
                if (families.containsKey(parts[0])) {
                    throw new AssertionError(where + "family declared twice");
                }
                current = new Family(parts[0], parts[1], help.getOrDefault(parts[0], ""), new ArrayList<>());
                families.put(current.name(), current);
            } else if (line.startsWith("#")) {
                throw new AssertionError(where + "a comment that is neither HELP nor TYPE");
            } else {
                Sample sample = sample(line, where);
                if (current == null || !belongs(sample.name(), current)) {
                    throw new AssertionError(where + "sample outside its family (last TYPE: "
                            + (current == null ? "none" : current.name() + " " + current.type()) + ")");
                }
                if (!series.add(sample.name() + sample.labels())) {
                    throw new AssertionError(where + "the same series twice");
                }
                current.samples().add(sample);
            }
        }
        help.keySet().stream().filter(name -> !families.containsKey(name)).findAny().ifPresent(name -> {
            throw new AssertionError("HELP for " + name + " without a TYPE");
        });
        families.values().stream().filter(f -> f.type().equals("histogram")).forEach(PrometheusExposition::checkHistogram);
        return new PrometheusExposition(Collections.unmodifiableMap(families));
    }

    private static boolean belongs(String sample, Family family) {
        return family.type().equals("histogram")
                ? sample.equals(family.name() + "_bucket") || sample.equals(family.name() + "_sum")
                        || sample.equals(family.name() + "_count")
                : sample.equals(family.name());
    }

    private static Sample sample(String line, String where) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (space < 0) {
            throw new AssertionError(where + "no value");
        }
        boolean labelled = brace >= 0 && brace < space;
        String name = line.substring(0, labelled ? brace : space);
        requireName(name, where);
        Map<String, String> labels = new TreeMap<>();
        int pos = name.length();
        if (labelled) {
            pos = labels(line, pos + 1, labels, where);
            if (pos >= line.length() || line.charAt(pos) != ' ') {
                throw new AssertionError(where + "no space before the value");
            }
        }
        String value = line.substring(pos + 1);
        if (value.contains(" ")) {
            throw new AssertionError(where + "more than a value (timestamps are not written)");
        }
        return new Sample(name, Collections.unmodifiableMap(labels), value(value, where));
    }

    /** Reads {@code name="value",…}} from {@code pos}; returns the position after the closing brace. */
    private static int labels(String line, int pos, Map<String, String> labels, String where) {
        if (line.startsWith("}", pos)) {
            return pos + 1;
        }
        while (true) {
            int equals = line.indexOf('=', pos);
            if (equals < 0) {
                throw new AssertionError(where + "label without '='");
            }
            String name = line.substring(pos, equals);
            if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
                throw new AssertionError(where + "bad label name '" + name + "'");
            }
            if (equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                throw new AssertionError(where + "label value not quoted");
            }
            StringBuilder value = new StringBuilder();
            int i = equals + 2;
            for (; i < line.length() && line.charAt(i) != '"'; i++) {
                char c = line.charAt(i);
                if (c == '\\') {
                    char escaped = i + 1 < line.length() ? line.charAt(++i) : ' ';
                    switch (escaped) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> throw new AssertionError(where + "bad escape \\" + escaped);
                    }
                } else {
                    value.append(c);
                }
            }
            if (i >= line.length()) {
                throw new AssertionError(where + "unterminated label value");
            }
            if (labels.put(name, value.toString()) != null) {
                throw new AssertionError(where + "label " + name + " twice");
            }
            pos = i + 1;
            if (line.startsWith("}", pos)) {
                return pos + 1;
            }
            if (!line.startsWith(",", pos)) {
                throw new AssertionError(where + "expected ',' or '}' after a label");
            }
            pos++;
        }
    }

    private static double value(String text, String where) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new AssertionError(where + "not a number: " + text);
                }
            }
        };
    }

    private static String unescapeHelp(String text, String where) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
            } else if (i + 1 < text.length() && text.charAt(i + 1) == '\\') {
                out.append('\\');
                i++;
            } else if (i + 1 < text.length() && text.charAt(i + 1) == 'n') {
                out.append('\n');
                i++;
            } else {
                throw new AssertionError(where + "bad escape in HELP");
            }
        }
        return out.toString();
    }

    private static void requireName(String name, String where) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new AssertionError(where + "bad metric name '" + name + "'");
        }
    }

    /** Per series (labels without {@code le}): buckets cumulative in rising {@code le}, the last +Inf, = _count. */
    private static void checkHistogram(Family family) {
        Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        Set<Map<String, String>> sums = new LinkedHashSet<>();
        for (Sample sample : family.samples()) {
            if (sample.name().endsWith("_bucket")) {
                if (sample.label("le") == null) {
                    throw new AssertionError(family.name() + ": a bucket without le: " + sample);
                }
                Map<String, String> series = new TreeMap<>(sample.labels());
                series.remove("le");
                buckets.computeIfAbsent(series, s -> new ArrayList<>()).add(sample);
            } else if (sample.name().endsWith("_count")) {
                counts.put(sample.labels(), sample.value());
            } else {
                sums.add(sample.labels());
            }
        }
        if (!buckets.keySet().equals(counts.keySet()) || !buckets.keySet().equals(sums)) {
            throw new AssertionError(family.name() + ": buckets, _sum and _count name different series");
        }
        buckets.forEach((series, list) -> {
            double previousLe = Double.NEGATIVE_INFINITY;
            double previousCount = 0;
            for (Sample bucket : list) {
                double le = value(bucket.label("le"), family.name() + " le: ");
                if (le <= previousLe || bucket.value() < previousCount) {
                    throw new AssertionError(family.name() + series + ": buckets not cumulative in rising le: " + list);
                }
                previousLe = le;
                previousCount = bucket.value();
            }
            Sample last = list.getLast();
            if (!last.label("le").equals("+Inf") || last.value() != counts.get(series)) {
                throw new AssertionError(family.name() + series + ": the last bucket must be le=\"+Inf\" and equal _count "
                        + counts.get(series) + ": " + last);
            }
        });
    }

    public Map<String, Family> families() {
        return families;
    }

    /** The family, which must be there with the given type. */
    public Family family(String name, String type) {
        Family family = families.get(name);
        if (family == null) {
            throw new AssertionError("no family " + name + " in " + families.keySet());
        }
        if (!family.type().equals(type)) {
            throw new AssertionError(name + " is a " + family.type() + ", not a " + type);
        }
        return family;
    }

    /** Every sample name written, e.g. {@code x_bucket}, {@code x_sum}, {@code x_count} of a histogram x. */
    public Set<String> sampleNames() {
        Set<String> names = new LinkedHashSet<>();
        families.values().forEach(f -> f.samples().forEach(s -> names.add(s.name())));
        return names;
    }

    /** The samples named {@code name} (a sample name, e.g. {@code x_count}) with all of {@code labels}. */
    public List<Sample> samples(String name, Map<String, String> labels) {
        return families.values().stream().flatMap(f -> f.samples().stream())
                .filter(s -> s.name().equals(name) && s.has(labels)).toList();
    }

    /** The sum of the samples {@link #samples} finds; 0 if none. */
    public double sum(String name, Map<String, String> labels) {
        return samples(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    /** The one sample named {@code name} with {@code labels}; fails if there is none or several. */
    public Sample only(String name, Map<String, String> labels) {
        List<Sample> found = samples(name, labels);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples " + name + labels + ": " + found);
        }
        return found.getFirst();
    }

    public boolean any(String name, Predicate<Sample> test) {
        return samples(name, Map.of()).stream().anyMatch(test);
    }
}
