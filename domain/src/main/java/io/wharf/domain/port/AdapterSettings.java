package io.wharf.domain.port;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The configuration section of one adapter (e.g. {@code storage.filesystem}), as flat keys.
 * Adapters read values through it so that a bad value names its full key.
 */
public record AdapterSettings(String section, Map<String, String> values) {
    public AdapterSettings {
        values = Map.copyOf(values);
    }

    public Optional<String> string(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String string(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public String requireString(String key) {
        return string(key).orElseThrow(() -> new InvalidSettingException(fullKey(key), "is required"));
    }

    public int integer(String key, int fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(fullKey(key), "must be a whole number, got '" + value + "'");
        }
    }

    public String fullKey(String key) {
        return section + "." + key;
    }

    /** Fails naming the first key that the adapter does not know. */
    public void rejectUnknown(Set<String> known) {
        for (String key : new TreeSet<>(values.keySet())) {
            if (!known.contains(key)) {
                throw new InvalidSettingException(fullKey(key), "is not a known setting; known: " + new TreeSet<>(known));
            }
        }
    }
}
