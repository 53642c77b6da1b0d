package org.plmmonitor.analysis.detect;

import java.util.Arrays;

import org.plmmonitor.analysis.signal.AccelerationGrid;

/**
 * The accelerometer's quantisation step, measured from the raw samples it delivers, g. A digital
 * accelerometer reports whole multiples of its step (1 mg for many 12-16-bit parts, 3.9 mg for the
 * ADXL345 at full resolution), and the store keeps each sample on its own finer grid
 * ({@link AccelerationGrid}, 1/4096 g, 0.24 mg): so the difference between two samples of one axis is
 * a whole number of sensor steps, each rounded onto the grid. A 1-mg sensor's samples differ by 4 or
 * 5 grid counts or multiples of that, a 3.9-mg sensor's by 16 (now and then 15) or multiples of that;
 * no noise, movement or filter of the sensor's own can put two of its samples closer than one step,
 * while a sensor that resolves finer than the grid shows differences of one count.
 *
 * <p>The step is therefore the smallest difference between samples (of one axis) that occurs, on
 * the grid, taken among those seen at least {@link #MIN_SEEN} times so that a single odd sample
 * (a calibration change, a glitch) does not decide it, and refined by the next difference up: a step
 * that falls between two grid counts rounds to one or the other in proportion, so their weighted mean
 * is the step (4.096 counts for 1 mg, 15.97 for 3.9 mg). A still limb's noise or respiration moves the
 * samples by a step or two all night, so the differences that tell the step are never short; those over
 * {@link #MAX_COUNTS} (a movement's) say nothing and are not counted.
 *
 * <p>Streaming and bounded: a histogram of small differences in two alternating blocks of
 * {@link #BLOCK} nonzero differences; the step is recomputed from both when a block fills (so the
 * last one to two blocks decide it, and the first estimate comes after one block). Unknown (0) until
 * then. The step is the sensor's and does not change while it runs, so after {@link #BLOCKS} blocks
 * the estimate is kept and further samples are not looked at ({@link #measuring}): the pipeline
 * then pays nothing for it. The samples fed need not be successive: any two samples of a quantised
 * sensor differ by whole steps. Mutable.
 */
final class SensorStep {
    /**
     * Differences up to this many grid counts are counted (9.8 mg): more than two of the coarsest
     * steps in use (3.9 mg), so the step and the next difference up are always inside.
     */
    static final int MAX_COUNTS = 40;
    /** Nonzero differences per block: at a 25-Hz gate step on three axes, some 15-60 s of a lying limb. */
    static final int BLOCK = 1024;
    /** A difference counts as one the sensor makes once seen this often over the two blocks. */
    static final int MIN_SEEN = 8;
    /** Blocks measured before the step is kept for good: the last estimate is from the third and fourth. */
    static final int BLOCKS = 4;

    private final int[][] hist = {new int[MAX_COUNTS + 1], new int[MAX_COUNTS + 1]};
    private int cur;
    private int inBlock;
    private int lx;
    private int ly;
    private int lz;
    private boolean primed;
    private double stepG;
    private int blocks;

    /**
     * One raw sample (g, on or near the store's grid): its differences from the last one fed, per axis.
     *
     * @param x acceleration, g
     * @param y acceleration, g
     * @param z acceleration, g
     * @return whether the step was measured anew (a block filled)
     */
    boolean add(double x, double y, double z) {
        if (blocks >= BLOCKS) {
            return false;
        }
        int cx = counts(x);
        int cy = counts(y);
        int cz = counts(z);
        boolean measured = false;
        if (primed) {
            measured = count(cx - lx) | count(cy - ly) | count(cz - lz);
        }
        lx = cx;
        ly = cy;
        lz = cz;
        primed = true;
        return measured;
    }

    /**
     * @return {@code g} in the store's grid counts, the nearest (halves away from zero): a plain cast,
     *         exact for samples on the grid (their counts are whole numbers)
     */
    private static int counts(double g) {
        double c = g / AccelerationGrid.G_PER_COUNT;
        return (int) (c >= 0 ? c + 0.5 : c - 0.5);
    }

    /** @return whether samples are still looked at (fewer than {@link #BLOCKS} blocks measured) */
    boolean measuring() {
        return blocks < BLOCKS;
    }

    /** @return the sensor's step, g; 0 while unknown (no block full yet, or a sensor that never moved) */
    double stepG() {
        return stepG;
    }

    /** Counts one difference (grid counts); returns whether that filled a block and the step was measured. */
    private boolean count(int d) {
        if (d < 0) {
            d = -d;
        }
        if (d == 0 || d > MAX_COUNTS) {
            return false;
        }
        hist[cur][d]++;
        if (++inBlock < BLOCK) {
            return false;
        }
        estimate();
        blocks++;
        cur ^= 1;
        Arrays.fill(hist[cur], 0);
        inBlock = 0;
        return true;
    }

    private void estimate() {
        int[] a = hist[0];
        int[] b = hist[1];
        for (int d = 1; d < MAX_COUNTS; d++) {
            int n = a[d] + b[d];
            if (n >= MIN_SEEN) {
                int n1 = a[d + 1] + b[d + 1];
                double counts = n1 >= MIN_SEEN ? (d * (double) n + (d + 1) * (double) n1) / (n + n1) : d;
                stepG = counts * AccelerationGrid.G_PER_COUNT;
                return;
            }
        }
    }
}
