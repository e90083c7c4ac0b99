package io.wharf.bootstrap.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as operators write them: {@code 7d}, {@code 12h}, {@code 30m}, {@code 45s}, or ISO-8601 {@code PT1H}. */
final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(d|h|m|s|ms)");

    private Durations() {
    }

    static Duration parse(String key, String text) {
        Matcher m = SHORT.matcher(text.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new ConfigException(key, "must be a duration such as 7d, 12h, 30m, 45s or PT1H, got '" + text + "'");
        }
    }
}
