package org.plmmonitor.analysis.signal;

/**
 * Where a source hands its samples, a block at a time: drivers (I2C, serial), the CSV reader, the
 * replay and the simulators. Blocks arrive in time order, on the source's thread; the block's arrays
 * are the source's (see {@link SampleBlock} for ownership).
 */
@FunctionalInterface
public interface SampleSink {
    /** @param block the next samples; valid only during this call */
    void accept(SampleBlock block);
}
