package org.plmmonitor.analysis.signal;

/** A pull-style stream of timestamped 3-axis samples, one leg. Not thread-safe. */
public interface SampleSource {
    /** @return the nominal sample rate in Hz (25-100); actual stamps may drift from it */
    double rateHz();

    /**
     * Fills the next sample.
     *
     * @param txyz array of at least 4: time in s, then x, y, z in g
     * @return false when the stream has ended (the array is then untouched)
     */
    boolean next(double[] txyz);
}
