package io.wharf.domain;

import io.wharf.domain.json.JsonException;
import io.wharf.domain.json.JsonReader;
import io.wharf.domain.json.JsonWriter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTest {
    @Test
    void readsAndWritesEveryKindOfValue() {
        String json = "{\"s\":\"a\\\"b\\u00e9\\n\",\"n\":-12,\"f\":1.5e2,\"t\":true,\"x\":null,\"l\":[1,{}],\"o\":{}}";
        Object value = JsonReader.parse(json);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        assertEquals("a\"bé\n", map.get("s"));
        assertEquals(-12L, map.get("n"));
        assertEquals(150.0, map.get("f"));
        assertEquals(List.of(1L, Map.of()), map.get("l"));
        assertEquals(JsonReader.NULL, map.get("x"));
        assertEquals("{\"s\":\"a\\\"bé\\n\",\"n\":-12,\"f\":150.0,\"t\":true,\"x\":null,\"l\":[1,{}],\"o\":{}}",
                JsonWriter.write(value));
    }

    @Test
    void everyCharacterSurvivesWritingAndReading() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x800; c++) {
            all.append(c);
        }
        all.append("日本 😀");
        String text = all.toString();
        assertEquals(text, JsonReader.parse(JsonWriter.write(text)));
        // control characters escaped, the rest (DEL included) as they are
        assertEquals("\"a\\u0001\\u001f\\\"\\\\\\t\u007fb\"", JsonWriter.write("a\u0001\u001f\"\\\t\u007fb"));
    }

    @Test
    void rejectsMalformedInput() {
        for (String bad : new String[] {"", "{", "{\"a\":1,}", "[1,]", "01", "{\"a\":1}x", "{a:1}", "\"\u0001\"",
                "{\"a\":1,\"a\":2}", "tru", "-", "1.", "[".repeat(100) + "]".repeat(100)}) {
            assertThrows(JsonException.class, () -> JsonReader.parse(bad), bad);
        }
        assertThrows(JsonException.class, () -> JsonReader.parse(new byte[] {'"', (byte) 0xff, '"'}));
    }
}
