package org.plmmonitor.analysis.export;

import org.plmmonitor.analysis.report.JsonWriter;

import java.util.List;
import java.util.Map;

/** Writes a value parsed by {@link org.plmmonitor.analysis.report.JsonReader} again, keys in their order. */
final class JsonValues {
    /** Decimals kept: the project's reports and resources carry at most 6. */
    private static final int DECIMALS = 6;

    private JsonValues() {
    }

    /** Objects down to depth 2 and arrays of objects are written one element a line. */
    static void write(JsonWriter w, Object o) {
        write(w, o, 1);
    }

    private static void write(JsonWriter w, Object o, int depth) {
        if (o == null) {
            w.value((String) null);
        } else if (o instanceof Map<?, ?> m) {
            w.beginObject(depth <= 2);
            m.forEach((k, v) -> {
                w.name(k.toString());
                write(w, v, depth + 1);
            });
            w.endObject();
        } else if (o instanceof List<?> l) {
            w.beginArray(!l.isEmpty() && l.get(0) instanceof Map);
            l.forEach(v -> write(w, v, depth + 1));
            w.endArray();
        } else if (o instanceof Number n) {
            w.value(n.doubleValue(), DECIMALS);
        } else if (o instanceof Boolean b) {
            w.value(b);
        } else {
            w.value(o.toString());
        }
    }
}
