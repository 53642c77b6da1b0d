package org.plmmonitor.analysis.report.html;

import java.util.Locale;

/** Escaping and number formatting for the XHTML the renderer writes (well-formed XML, no entities but XML's). */
public final class Xml {
    private Xml() {
    }

    /**
     * @param s text, or null (then empty)
     * @return text safe inside an element or a double-quoted attribute (the web's pages escape with it too)
     */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // XML 1.0 forbids most control characters even as references: drop them.
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** @return {@code v} with {@code decimals} places, or a dash when null */
    static String num(Double v, int decimals) {
        return v == null || v.isNaN() ? "\u2013" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** @return an SVG coordinate (2 decimals) */
    static String c(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
