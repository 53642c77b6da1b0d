package org.plmmonitor.analysis.detect;

import java.util.Arrays;

/**
 * The resting level of a non-negative channel: the 25th percentile of its one-second means over the
 * last two minutes fed. Fed only while nothing is happening, it follows a noisier sensor, a loosened
 * strap or stronger respiration, and lets a threshold rise with them. Mutable.
 */
final class NoiseFloor {
    private final double[] means = new double[120];
    private final double[] sorted = new double[120];
    private int blocks;
    private double blockStart = Double.NaN;
    private double sum;
    private int n;
    private double floor;

    /** @return the current floor (channel unit), 0 until the first second is seen */
    double value() {
        return floor;
    }

    /**
     * @param t time, s
     * @param v the channel's value at t, >= 0
     */
    void add(double t, double v) {
        if (Double.isNaN(blockStart)) {
            blockStart = t;
        }
        sum += v;
        n++;
        if (t - blockStart >= 1.0) {
            means[blocks % means.length] = sum / n;
            blocks++;
            // The floor moves slowly: once warm, refreshing it every 10 s is plenty and cheap.
            if (blocks <= 10 || blocks % 10 == 0) {
                int m = Math.min(blocks, means.length);
                System.arraycopy(means, 0, sorted, 0, m);
                Arrays.sort(sorted, 0, m);
                floor = sorted[m / 4];
            }
            blockStart = t;
            sum = 0;
            n = 0;
        }
    }

    /** The signal broke off: the second being summed is dropped, the floor is kept. */
    void cut() {
        blockStart = Double.NaN;
        sum = 0;
        n = 0;
    }
}
