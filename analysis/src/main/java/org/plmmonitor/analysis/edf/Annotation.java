package org.plmmonitor.analysis.edf;

/**
 * One EDF+ annotation.
 *
 * @param onsetS    seconds since the file's start date/time (may be negative per the spec)
 * @param durationS duration in seconds, NaN when the TAL gives none
 * @param text      the annotation text (UTF-8 decoded), never empty
 */
public record Annotation(double onsetS, double durationS, String text) {
    public Annotation {
        if (!Double.isFinite(onsetS) || text == null || text.isEmpty()) {
            throw new IllegalArgumentException("annotation needs a finite onset and a text (onset " + onsetS + ")");
        }
        if (!Double.isNaN(durationS) && !(durationS >= 0 && Double.isFinite(durationS))) {
            throw new IllegalArgumentException("annotation '" + text + "' duration " + durationS + " s must be >= 0 or NaN");
        }
    }

    /** @return true when the TAL gave a duration */
    public boolean hasDuration() {
        return !Double.isNaN(durationS);
    }
}
