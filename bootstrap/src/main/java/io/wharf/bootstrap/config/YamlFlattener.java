package io.wharf.bootstrap.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a YAML configuration file into flat dotted keys ({@code storage.filesystem.rootdirectory}). */
final class YamlFlattener {
    private YamlFlattener() {
    }

    static Map<String, String> read(Path file) {
        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        } catch (YAMLException e) {
            throw new ConfigException("configuration file " + file + " is not valid YAML: " + e.getMessage());
        }
        Map<String, String> flat = new LinkedHashMap<>();
        if (document == null) {
            return flat;
        }
        if (!(document instanceof Map<?, ?> root)) {
            throw new ConfigException("configuration file " + file + " must hold a mapping of keys");
        }
        flatten("", root, flat);
        return flat;
    }

    /** An endpoint's list of plain values (ignored actions, media types) as settings take it: comma separated. */
    private static String joined(String key, List<?> list) {
        List<String> items = new java.util.ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> || item instanceof List<?> || item == null
                    || String.valueOf(item).contains(",")) {
                throw new ConfigException(key, "is a list whose items are not plain values without commas");
            }
            items.add(String.valueOf(item));
        }
        return String.join(",", items);
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out) {
        map.forEach((k, v) -> {
            String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
            switch (v) {
                case Map<?, ?> nested -> flatten(key, nested, out);
                case List<?> list -> {
                    if (!key.startsWith(AdapterCatalogue.ENDPOINTS_PREFIX)) {
                        throw new ConfigException(key, "is a list, but no setting takes a list");
                    }
                    out.put(key, joined(key, list));
                }
                case null -> {
                    // "key:" with no value leaves the default in place
                }
                default -> out.put(key, String.valueOf(v));
            }
        });
    }
}
