package org.plmmonitor.analysis.detect;

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
     * @return whether {@link #value()} was recomputed (at most once a second): a caller may keep what
     *         it derives from the floor until then
     */
    boolean add(double t, double v) {
        // Called at every idle sample: kept small enough to be compiled into the caller; the second's
        // close is a call of its own.
        if (Double.isNaN(blockStart)) {
            blockStart = t;
        }
        sum += v;
        n++;
        return t - blockStart >= 1.0 && closeSecond(t);
    }

    /** The second that began at blockStart has ended at t: its mean joins the two minutes. @return whether the floor was recomputed */
    private boolean closeSecond(double t) {
        means[blocks % means.length] = sum / n;
        blocks++;
        blockStart = t;
        sum = 0;
        n = 0;
        // The floor moves slowly: once warm, refreshing it every 10 s is plenty and cheap.
        if (blocks <= 10 || blocks % 10 == 0) {
            int m = Math.min(blocks, means.length);
            System.arraycopy(means, 0, sorted, 0, m);
            floor = select(sorted, m, m / 4);
            return true;
        }
        return false;
    }

    /**
     * The k-th smallest of the first m values (what {@code sorted[k]} would hold after sorting them),
     * by Hoare's selection: linear on average where a full sort of the two minutes cost most of the
     * detector's time. Reorders the first m values.
     *
     * @param a values, finite; the first m are used and reordered
     * @param m how many, at least 1
     * @param k rank wanted, 0 to m - 1
     * @return the k-th smallest value
     */
    static double select(double[] a, int m, int k) {
        int lo = 0;
        int hi = m - 1;
        while (lo < hi) {
            double pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double tmp = a[i];
                    a[i] = a[j];
                    a[j] = tmp;
                    i++;
                    j--;
                }
            }
            // Now a[lo..j] <= pivot <= a[i..hi], and anything between equals the pivot.
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    /** The signal broke off: the second being summed is dropped, the floor is kept. */
    void cut() {
        blockStart = Double.NaN;
        sum = 0;
        n = 0;
    }
}
