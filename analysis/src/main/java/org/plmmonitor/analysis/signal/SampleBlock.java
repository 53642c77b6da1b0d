package org.plmmonitor.analysis.signal;

/**
 * Consecutive samples of one source, as a source hands them to its sink: sample {@code i < count} was
 * taken at {@code tS[i]} seconds on the source's monotonic line (strictly increasing, also across
 * blocks) and measured {@code xG[i]}, {@code yG[i]}, {@code zG[i]} g along the sensor's axes.
 *
 * <p>Ownership: the arrays belong to the source, which may refill them for its next block. A sink may
 * read them only during the {@link SampleSink#accept} call that hands the block over and must copy
 * what it keeps. Entries at and beyond {@code count} mean nothing.
 *
 * <p>Missing samples are not announced: a source stamps every sample at the time it was taken (sample
 * counter / rate, or the sensor's clock), so a loss shows as a longer step between two stamps, and the
 * detector, which restarts its filters at any step over 3.5 periods, is the one place that decides what
 * is a gap.
 *
 * @param tS    sample times, s on the source's monotonic line; at least {@code count} long
 * @param xG    x acceleration, g (sensors measure within +-16 g); at least {@code count} long
 * @param yG    y acceleration, g; at least {@code count} long
 * @param zG    z acceleration, g; at least {@code count} long
 * @param count samples in the block, 0 or more
 */
public record SampleBlock(double[] tS, double[] xG, double[] yG, double[] zG, int count) {
    public SampleBlock {
        if (count < 0 || tS.length < count || xG.length < count || yG.length < count || zG.length < count) {
            throw new IllegalArgumentException("a block of " + count + " samples needs arrays at least that long, got "
                    + tS.length + ", " + xG.length + ", " + yG.length + ", " + zG.length);
        }
    }

    /**
     * Four arrays of one capacity, for a source to fill and hand over again and again.
     *
     * @param capacity samples the arrays hold, 1 or more
     * @return an empty block
     */
    public static SampleBlock withCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " must be at least 1");
        }
        return new SampleBlock(new double[capacity], new double[capacity], new double[capacity], new double[capacity], 0);
    }

    /**
     * @param n how many of the arrays' first samples are filled, 0 to the capacity
     * @return the same arrays, holding {@code n} samples
     */
    public SampleBlock withCount(int n) {
        return n == count ? this : new SampleBlock(tS, xG, yG, zG, n);
    }

    /** @return how many samples the arrays hold */
    public int capacity() {
        return Math.min(Math.min(tS.length, xG.length), Math.min(yG.length, zG.length));
    }

    /** @return a block with arrays of its own, exactly {@code count} long, for a sink that keeps it */
    public SampleBlock copy() {
        return new SampleBlock(java.util.Arrays.copyOf(tS, count), java.util.Arrays.copyOf(xG, count),
                java.util.Arrays.copyOf(yG, count), java.util.Arrays.copyOf(zG, count), count);
    }

    /** @return time of the first sample, s; NaN for an empty block */
    public double firstS() {
        return count == 0 ? Double.NaN : tS[0];
    }

    /** @return time of the last sample, s; NaN for an empty block */
    public double lastS() {
        return count == 0 ? Double.NaN : tS[count - 1];
    }
}
