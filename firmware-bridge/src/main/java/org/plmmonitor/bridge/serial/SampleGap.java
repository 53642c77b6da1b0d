package org.plmmonitor.bridge.serial;

import org.plmmonitor.analysis.movement.Leg;

/**
 * Samples a sensor produced that never arrived, measured by its sample counter.
 *
 * @param leg           the leg the sensor is worn on
 * @param sensorId      the device's sensor id
 * @param lastCounter   counter of the last sample received before the gap
 * @param nextCounter   counter of the first sample received after it
 * @param missing       samples missing ({@code nextCounter - lastCounter - 1}); -1 when unknown
 *                      (the device restarted and its counter began again)
 * @param fromS         time of the last sample before, s on the source's line
 * @param toS           time of the first sample after, s
 */
public record SampleGap(Leg leg, int sensorId, long lastCounter, long nextCounter, long missing,
                        double fromS, double toS) {
    /** @return length of the hole, s ({@code toS - fromS}) */
    public double durationS() {
        return toS - fromS;
    }
}
