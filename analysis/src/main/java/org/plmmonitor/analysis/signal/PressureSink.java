package org.plmmonitor.analysis.signal;

/**
 * A consumer of cuff pressure one sample at a time (the pressure detector). A block from a one-channel
 * source carries the pressure in {@link SampleBlock#xG()}, in mmHg, with y and z unused (the CSV reader
 * and the generator fill it so; see {@code CsvLayout.PRESSURE}). Samples arrive in strictly increasing
 * time.
 */
@FunctionalInterface
public interface PressureSink extends SampleSink {
    /**
     * @param tS   seconds on the source's monotonic line (sample index / rate, slewed by the source)
     * @param mmHg cuff pressure, mmHg above atmosphere, typically -1 to 300
     */
    void accept(double tS, double mmHg);

    /** Takes the block's pressures (its x column, mmHg) one by one, in order. */
    @Override
    default void accept(SampleBlock block) {
        double[] t = block.tS();
        double[] p = block.xG();
        for (int i = 0, n = block.count(); i < n; i++) {
            accept(t[i], p[i]);
        }
    }
}
