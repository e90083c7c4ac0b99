package io.wharf.bootstrap.logging;

/**
 * A log record's parameter whose facts are fields of their own, so a log pipeline filters and sums them
 * without parsing messages: the JSON format writes them as top-level fields, the text format prints
 * {@link #text()}. Log it as the record's only parameter with the message {@code "{0}"}, so that any other
 * formatter (e.g. {@link java.util.logging.SimpleFormatter}) still prints the readable line through
 * {@code toString}.
 */
public interface LogFields {
    /** What happened, in a few words: the JSON line's {@code message}. */
    String message();

    /** The facts, one field each. */
    void writeTo(FieldWriter fields);

    /** Every fact in one readable line: the text format's message. */
    String text();

    /** Where the fields go; names are JSON keys in snake_case. */
    interface FieldWriter {
        void text(String name, String value);

        void number(String name, long value);

        /** {@code unscaled / 10^scale}, e.g. (1234, 3) is 1.234: a fraction without floating-point formatting. */
        void decimal(String name, long unscaled, int scale);
    }
}
