package org.plmmonitor.analysis.report.html;

/**
 * Maps seconds on a night's own time line (the JSON report's {@code onset_s}) to wall-clock time.
 * Only the daemon knows this mapping; it is handed in from what it stored.
 */
@FunctionalInterface
public interface LineClock {
    /**
     * @param lineS seconds on the source's time line
     * @return the same instant, UTC epoch milliseconds
     */
    long utcMs(double lineS);
}
