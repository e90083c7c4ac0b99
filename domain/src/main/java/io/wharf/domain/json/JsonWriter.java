package io.wharf.domain.json;

import java.util.Collection;
import java.util.Map;

/** Writes the values {@link JsonReader} produces (maps, lists, strings, numbers, booleans, null) as compact JSON. */
public final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonWriter() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        append(out, value);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String s -> appendString(out, s);
            case Boolean b -> out.append(b);
            case Long l -> out.append(l);
            case Integer i -> out.append(i);
            case Double d -> out.append(d);
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    appendString(out, String.valueOf(e.getKey()));
                    out.append(':');
                    append(out, e.getValue());
                }
                out.append('}');
            }
            case Collection<?> list -> {
                out.append('[');
                boolean first = true;
                for (Object item : list) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    append(out, item);
                }
                out.append(']');
            }
            default -> {
                if (value == JsonReader.NULL) {
                    out.append("null");
                } else {
                    throw new IllegalArgumentException("cannot write " + value.getClass() + " as JSON");
                }
            }
        }
    }

    /**
     * Appends {@code s} as a JSON string, quoted and escaped, for writers that lay out JSON themselves
     * (the log formatter writes a line per record without building a map first).
     */
    public static void appendString(StringBuilder out, String s) {
        out.append('"');
        // runs of characters that need no escape (nearly all of them) are copied at once
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        out.append(s, run, s.length()).append('"');
    }
}
