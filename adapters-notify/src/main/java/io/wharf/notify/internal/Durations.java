package io.wharf.notify.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as endpoint settings write them: distribution's Go spellings ({@code 500ms}, {@code 5s},
 * {@code 1m}, {@code 2h}, and sums such as {@code 1m30s}) or ISO-8601 ({@code PT5S}), so that a
 * distribution configuration carries over unchanged.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h))+");

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException when {@code text} is neither form; the caller names the key
     */
    public static Duration parse(String text) {
        String value = text.trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("is empty");
        }
        if (value.toUpperCase(Locale.ROOT).startsWith("P") || value.toUpperCase(Locale.ROOT).startsWith("-P")) {
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("is not an ISO-8601 duration");
            }
        }
        if (!WHOLE.matcher(value).matches()) {
            throw new IllegalArgumentException("is not a duration");
        }
        try {
            Duration total = Duration.ZERO;
            Matcher part = PART.matcher(value);
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                });
            }
            return total;
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("is too long");
        }
    }

    /** The shortest of the Go spellings that states {@code duration} exactly, for messages ("timed out after 5s"). */
    public static String format(Duration duration) {
        if (duration.isZero() || duration.isNegative() || duration.getNano() % 1_000_000 != 0) {
            return duration.toString();
        }
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }
}
