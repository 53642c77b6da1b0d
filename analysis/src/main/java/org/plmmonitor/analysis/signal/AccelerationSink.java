package org.plmmonitor.analysis.signal;

/**
 * A consumer that takes acceleration one sample at a time (the detector, the raw recorder): it is a
 * {@link SampleSink} too, walking each block in order. Samples arrive in strictly increasing time.
 *
 * <p>There is no separate "gap" call: sources stamp each sample when it was taken, so lost samples show
 * as a longer step, and the detector finds gaps from the stamps alone (one rule, in one place; a second
 * channel that said the same thing was ignored by every consumer and has been removed).
 */
@FunctionalInterface
public interface AccelerationSink extends SampleSink {
    /**
     * @param tS seconds on the source's monotonic line (sample index / rate, slewed by the source)
     * @param xG acceleration along the sensor's x axis in g (any mounting), typically within +-16
     * @param yG same for y, in g
     * @param zG same for z, in g
     */
    void accept(double tS, double xG, double yG, double zG);

    /** Takes the block's samples one by one, in order. */
    @Override
    default void accept(SampleBlock block) {
        double[] t = block.tS();
        double[] x = block.xG();
        double[] y = block.yG();
        double[] z = block.zG();
        for (int i = 0, n = block.count(); i < n; i++) {
            accept(t[i], x[i], y[i], z[i]);
        }
    }
}
