package org.plmmonitor.bridge.sim;

/**
 * Samples for one simulated sensor, in order. Same shape as the analysis generator's source, so
 * either can be passed as a method reference.
 */
public interface SimSampleSource {
    /** @return the sample rate, Hz, positive */
    double rateHz();

    /**
     * @param txyz filled with {t in s, x in g, y in g, z in g}
     * @return false when the source is exhausted (txyz untouched)
     */
    boolean next(double[] txyz);
}
