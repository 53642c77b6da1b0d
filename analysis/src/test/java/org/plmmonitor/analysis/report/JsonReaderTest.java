package org.plmmonitor.analysis.report;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonReaderTest {
    @Test
    void readsWhatTheWriterWrites() {
        StringBuilder b = new StringBuilder();
        new JsonWriter(b).beginObject(true).name("a").value(1.5, 3).name("s").value("q\"\\\n\u00e9\u0001")
                .name("n").value((Integer) null).name("t").value(true).name("l").beginArray(false).value(1).value(2)
                .endArray().endObject();
        Map<?, ?> m = (Map<?, ?>) JsonReader.parse(b.toString());
        assertEquals(1.5, m.get("a"));
        assertEquals("q\"\\\n\u00e9\u0001", m.get("s"));
        assertEquals(true, m.containsKey("n"));
        assertEquals(null, m.get("n"));
        assertEquals(Boolean.TRUE, m.get("t"));
        assertEquals(List.of(1.0, 2.0), m.get("l"));
        assertEquals(List.of("a", "s", "n", "t", "l"), List.copyOf(m.keySet()));
        assertEquals(Arrays.asList(-0.25, 1e3, null), JsonReader.parse(" [-0.25, 1E3 ,null] "));
    }

    @Test
    void badTextIsNamedByOffset() {
        assertEquals("at character 5: expected a value", assertThrows(IllegalArgumentException.class,
                () -> JsonReader.parse("{\"a\":}")).getMessage());
        assertEquals("at character 1: expected a number", assertThrows(IllegalArgumentException.class,
                () -> JsonReader.parse("[01]")).getMessage());
        assertEquals("at character 11: expected no repeated key 'a'", assertThrows(IllegalArgumentException.class,
                () -> JsonReader.parse("{\"a\":1,\"a\":2}")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("{\"a\":1} x"));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("\"abc"));
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(""));
    }
}
