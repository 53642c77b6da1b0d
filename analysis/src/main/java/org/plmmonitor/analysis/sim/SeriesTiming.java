package org.plmmonitor.analysis.sim;

/**
 * How the night planner times the periodic leg movements of a drawn night (given movements keep
 * their own timing).
 */
public enum SeriesTiming {
    /**
     * Series of 4-60 movements, each with its own mean interval (15-40 s) and a small spread
     * (1.5-5 s SD, clamped to 11-85 s), placed apart with at least 95 s of quiet on either side: every
     * series is clean, and a night's rate stays at or below about 60/h. Every family before
     * {@link Family#KINEMATIC_DENSE} uses it, and its nights are drawn as they always were.
     */
    REGULAR,
    /**
     * Dense, irregular RLS nights ({@link Family#KINEMATIC_DENSE}): long series one after the other with
     * widely spread intervals (log-normal about a median of 20-40 s, 5-120 s), a beat now and then
     * missed or followed by a short-interval movement 1-8 s after its end, breaks of over 90 s between
     * series, and clusters of longer movements a few seconds apart in the wake before sleep and after
     * awakenings. The draws are {@link IrregularSeries}'s; their sources are in
     * {@link Family#KINEMATIC_DENSE}'s Javadoc.
     */
    IRREGULAR_DENSE
}
