package org.plmmonitor.analysis.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A minimal streaming JSON writer: keys in the order written, numbers with a fixed maximum of
 * decimals (trailing zeros dropped), NaN and infinities as null. Containers opened with
 * {@code lines == true} put each element on its own line, so large arrays stay readable and diffable.
 * Public so that the exports (FHIR, the export JSON) are written by the same writer as the reports.
 */
public final class JsonWriter {
    private final Appendable out;
    private final Deque<boolean[]> stack = new ArrayDeque<>(); // {first, lines}
    private boolean afterName;

    public JsonWriter(Appendable out) {
        this.out = out;
    }

    public JsonWriter beginObject(boolean lines) {
        beforeValue();
        raw("{");
        stack.push(new boolean[]{true, lines});
        return this;
    }

    public JsonWriter endObject() {
        return end("}");
    }

    public JsonWriter beginArray(boolean lines) {
        beforeValue();
        raw("[");
        stack.push(new boolean[]{true, lines});
        return this;
    }

    public JsonWriter endArray() {
        return end("]");
    }

    private JsonWriter end(String close) {
        boolean[] top = stack.pop();
        if (top[1] && !top[0]) {
            raw("\n");
            for (int i = 0; i < stack.size(); i++) {
                raw("  ");
            }
        }
        raw(close);
        return this;
    }

    public JsonWriter name(String n) {
        beforeValue();
        string(n);
        raw(":");
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) {
        beforeValue();
        if (s == null) {
            raw("null");
        } else {
            string(s);
        }
        return this;
    }

    public JsonWriter value(boolean b) {
        beforeValue();
        raw(b ? "true" : "false");
        return this;
    }

    public JsonWriter value(long n) {
        beforeValue();
        raw(Long.toString(n));
        return this;
    }

    public JsonWriter value(Integer n) {
        beforeValue();
        raw(n == null ? "null" : n.toString());
        return this;
    }

    /** A number with at most {@code decimals} decimals; null, NaN and infinities as null. */
    public JsonWriter value(Double d, int decimals) {
        beforeValue();
        raw(number(d, decimals));
        return this;
    }

    public static String number(Double d, int decimals) {
        if (d == null || d.isNaN() || d.isInfinite()) {
            return "null";
        }
        String s = BigDecimal.valueOf(d).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        boolean[] top = stack.peek();
        if (top == null) {
            return;
        }
        if (!top[0]) {
            raw(",");
        }
        if (top[1]) {
            raw("\n");
            for (int i = 0; i < stack.size(); i++) {
                raw("  ");
            }
        }
        top[0] = false;
    }

    private void string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        raw(b.append('"').toString());
    }

    public void raw(String s) {
        try {
            out.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JSON report", e);
        }
    }
}
