package org.plmmonitor.analysis.time;

/**
 * A closed-open stretch of time on the source's own monotonic time line.
 *
 * @param startS start in seconds (any origin)
 * @param endS   end in seconds, {@code >= startS}
 */
public record TimeInterval(double startS, double endS) {
    public TimeInterval {
        if (!(endS >= startS)) {
            throw new IllegalArgumentException("interval end " + endS + " s is before its start " + startS + " s");
        }
    }

    /** @return length in seconds */
    public double durationS() {
        return endS - startS;
    }

    /** @return true when the two intervals share any time or touch */
    public boolean overlaps(double otherStartS, double otherEndS) {
        return otherStartS <= endS && otherEndS >= startS;
    }
}
