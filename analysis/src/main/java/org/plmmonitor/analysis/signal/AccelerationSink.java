package org.plmmonitor.analysis.signal;

/**
 * Where a source delivers timestamped 3-axis acceleration for one leg. Drivers, file readers and
 * simulators push into it; the detector implements it. Samples arrive in strictly increasing time.
 */
public interface AccelerationSink {
    /**
     * @param tS seconds on the source's monotonic line (sample index / rate, slewed by the source)
     * @param xG acceleration along the sensor's x axis in g (any mounting), typically within +-16
     * @param yG same for y, in g
     * @param zG same for z, in g
     */
    void accept(double tS, double xG, double yG, double zG);

    /**
     * The source knows samples are missing between two times (a lost frame, a bus error, an unplug).
     * The sink must not invent data across it. Sinks that only look at time steps may ignore it.
     *
     * @param fromS time of the last good sample before the gap, seconds
     * @param toS   time the next good sample will carry, seconds
     */
    default void gap(double fromS, double toS) {
    }
}
