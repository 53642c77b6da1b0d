package org.plmmonitor.analysis.sim;

import org.plmmonitor.analysis.movement.Leg;

/**
 * One thing the generator put into a night, on the night's true time line (the same line the
 * sample stamps use).
 *
 * @param onsetS  start in s
 * @param offsetS end in s
 * @param leg     the leg it acts on; distractors that shake the bed act on both and carry LEFT
 * @param kind    what it is
 * @param visible for leg movements: large enough for an ankle sensor to see (false = EMG only)
 * @param peakG   peak of the added linear acceleration in g (0 for gaps and unworn time); for a kinematic
 *                leg movement the larger of the tilt's change of gravity's projection and the peak
 *                tangential acceleration of the sensor
 */
public record TruthEvent(double onsetS, double offsetS, Leg leg, Kind kind, boolean visible, double peakG) {

    /** The families of events in a synthetic night. */
    public enum Kind {
        /** A leg movement that belongs to a generated periodic run. */
        PERIODIC_LM,
        /** A leg movement outside any periodic run (some longer than 10 s). */
        ISOLATED_LM,
        POSTURE_CHANGE,
        OUT_OF_BED,
        MATTRESS_VIBRATION,
        FOOT_TREMOR,
        SPIKE,
        GAP,
        UNWORN,
        STRAP_LOOSENING;

        /** @return true for the kinds that an EMG scorer would call a leg movement */
        public boolean isLegMovement() {
            return this == PERIODIC_LM || this == ISOLATED_LM;
        }
    }
}
