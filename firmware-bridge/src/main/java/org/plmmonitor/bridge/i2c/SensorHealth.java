package org.plmmonitor.bridge.i2c;

/**
 * Immutable snapshot of one sensor's health, for {@code plm status}.
 *
 * @param name               the sensor's label, e.g. {@code left}
 * @param part               the fitted part
 * @param address            its 7-bit address
 * @param state              where the source is
 * @param samples            samples delivered to the sink since start
 * @param gaps               gaps reported to the sink since start
 * @param overflows          FIFO overflows (samples lost to a late read) among those gaps
 * @param faults             faults detected since start
 * @param reinitialisations  successful initialisations after the first
 * @param failedInits        initialisation attempts that failed
 * @param lastFault          kind of the latest fault, or null if none
 * @param lastError          message of the latest fault or failed initialisation, or "" if none
 * @param lastSampleS        time of the latest delivered sample on the monotonic line, s, or NaN
 * @param rateError          measured sensor rate / nominal - 1 (e.g. 0.02 = 2 % fast)
 * @param clockOffsetS       host-minus-line offset being slewed away, s
 */
public record SensorHealth(String name, AccelerometerPart part, int address, SourceState state, long samples,
                           long gaps, long overflows, long faults, long reinitialisations, long failedInits,
                           FaultKind lastFault, String lastError, double lastSampleS, double rateError,
                           double clockOffsetS) {
}
