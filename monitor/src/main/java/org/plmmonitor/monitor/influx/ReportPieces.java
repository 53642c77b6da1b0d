package org.plmmonitor.monitor.influx;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a night's JSON report into the ordered pieces of its {@code plm_report} points, and joins them back
 * (docs/influxdb-schema.md): InfluxDB 1.x keeps a string field of at most 64 KB, a report with every
 * movement is often larger.
 */
public final class ReportPieces {
    /** Largest piece, UTF-8 bytes: under InfluxDB 1.x's 64 KB string field with room to spare. */
    public static final int MAX_BYTES = 60_000;

    private ReportPieces() {
    }

    /**
     * @param text     the report's text, non-empty
     * @param maxBytes largest piece in UTF-8 bytes, at least 4 (one character of any size)
     * @return the pieces in order, each at most {@code maxBytes} UTF-8 bytes and ending on a whole character
     *         (never between the two halves of a surrogate pair); joined they are {@code text}
     */
    public static List<String> split(String text, int maxBytes) {
        if (maxBytes < 4) {
            throw new IllegalArgumentException("a piece of " + maxBytes + " bytes cannot hold every character: expected 4 or more");
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = utf8Bytes(cp);
            if (bytes + n > maxBytes) {
                pieces.add(text.substring(start, i));
                start = i;
                bytes = 0;
            }
            bytes += n;
            i += Character.charCount(cp);
        }
        pieces.add(text.substring(start));
        return pieces;
    }

    /**
     * @param pieces the pieces in {@code part} order
     * @return the report's text
     */
    public static String join(List<String> pieces) {
        return String.join("", pieces);
    }

    private static int utf8Bytes(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
}
