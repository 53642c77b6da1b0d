package org.plmmonitor.analysis.report.html;

/**
 * A stretch of the night.
 *
 * @param startS start, seconds from the night's start (0 to the night's duration)
 * @param endS   end, seconds from the night's start, {@code >= startS}
 */
public record Span(double startS, double endS) {
    public Span {
        if (!(endS >= startS)) {
            throw new IllegalArgumentException("span ends at " + endS + " s, before its start " + startS + " s");
        }
    }
}
