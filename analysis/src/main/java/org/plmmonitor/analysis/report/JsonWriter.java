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

    /** @param out where the JSON goes (not closed; its IOException arrives as UncheckedIOException) */
    public JsonWriter(Appendable out) {
        this.out = out;
    }

    /**
     * @param lines true to put each member on its own line
     * @return this writer
     */
    public JsonWriter beginObject(boolean lines) {
        beforeValue();
        raw("{");
        stack.push(new boolean[]{true, lines});
        return this;
    }

    /** @return this writer, after closing the innermost object */
    public JsonWriter endObject() {
        return end("}");
    }

    /**
     * @param lines true to put each element on its own line
     * @return this writer
     */
    public JsonWriter beginArray(boolean lines) {
        beforeValue();
        raw("[");
        stack.push(new boolean[]{true, lines});
        return this;
    }

    /** @return this writer, after closing the innermost array */
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

    /**
     * @param n the member's name; its value is written next
     * @return this writer
     */
    public JsonWriter name(String n) {
        beforeValue();
        string(n);
        raw(":");
        afterName = true;
        return this;
    }

    /**
     * @param s a string, or null
     * @return this writer
     */
    public JsonWriter value(String s) {
        beforeValue();
        if (s == null) {
            raw("null");
        } else {
            string(s);
        }
        return this;
    }

    /**
     * @param b a boolean
     * @return this writer
     */
    public JsonWriter value(boolean b) {
        beforeValue();
        raw(b ? "true" : "false");
        return this;
    }

    /**
     * @param n an integer
     * @return this writer
     */
    public JsonWriter value(long n) {
        beforeValue();
        raw(Long.toString(n));
        return this;
    }

    /**
     * @param n an integer, or null
     * @return this writer
     */
    public JsonWriter value(Integer n) {
        beforeValue();
        raw(n == null ? "null" : n.toString());
        return this;
    }

    /**
     * A number with at most {@code decimals} decimals; null, NaN and infinities as null.
     *
     * @param d        the number, or null
     * @param decimals most decimals kept, 0-15
     * @return this writer
     */
    public JsonWriter value(Double d, int decimals) {
        beforeValue();
        raw(number(d, decimals));
        return this;
    }

    /**
     * @param d        a number, or null
     * @param decimals most decimals kept (half up), trailing zeros dropped
     * @return its JSON text, {@code null} for null, NaN and infinities
     */
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

    /** @param s text written as it is (a line break after the document) */
    public void raw(String s) {
        try {
            out.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JSON report", e);
        }
    }
}
