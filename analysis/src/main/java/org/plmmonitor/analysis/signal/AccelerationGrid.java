package org.plmmonitor.analysis.signal;

/**
 * The grid every acceleration sample enters the pipeline on: signed 16-bit counts of 1/4096 g
 * (+-8 g), the resolution at which the store keeps the raw signal. The daemon stores a sample's counts;
 * the pipeline puts every sample it is fed on the same grid at its entry (NightPipeline's sink). So
 * a live night, the same night resumed or re-analysed from the store, and {@code plm analyze} of the
 * samples the daemon received all see identical input, and a detector decision that sits on a knife
 * edge falls the same way in each. No accelerometer resolves finer than 1 mg, so the 0.24-mg steps
 * lose nothing real.
 */
public final class AccelerationGrid {
    /** g per count: +-8 g in 16 bits. A power of two, so counts times it is exact. */
    public static final double G_PER_COUNT = 1.0 / 4096;
    /** Counts per g: dividing by {@link #G_PER_COUNT} and multiplying by this give the same value to the bit. */
    private static final double COUNTS_PER_G = 4096;

    private AccelerationGrid() {
    }

    /**
     * @param g an acceleration, g; beyond +-8 g it saturates at the 16-bit limits; NaN gives 0
     * @return the nearest count (ties to even), clamped to -32768..32767
     */
    public static short counts(double g) {
        double c = Math.rint(g / G_PER_COUNT);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, c));
    }

    /**
     * @param g an acceleration, g, finite
     * @return {@code g} as the store gives it back: {@link #counts(double)} times {@link #G_PER_COUNT}, g
     *         (-8 to +7.99976 g)
     */
    public static double onGrid(double g) {
        // Every sample of every night passes here: within +-8 g (all real ones), the count is taken
        // without counts()' two clamps and three conversions. Same value to the bit: a scale by a
        // power of two is exact, a count in range converts exactly, and adding 0.0 turns the -0.0 of
        // a tiny negative (which counts() makes count 0, i.e. +0.0) into +0.0. NaN and anything
        // beyond the 16-bit range fail the test and take counts().
        double c = Math.rint(g * COUNTS_PER_G);
        if (c >= Short.MIN_VALUE && c <= Short.MAX_VALUE) {
            return (c + 0.0) * G_PER_COUNT;
        }
        return counts(g) * G_PER_COUNT;
    }
}
