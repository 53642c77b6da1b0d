package org.plmmonitor.analysis.movement;

/**
 * One detected (or imported) leg movement, before scoring. Immutable.
 *
 * @param onsetS  onset in seconds on the source's time line
 * @param offsetS offset in seconds, {@code > onsetS}
 * @param leg     the leg it was seen on
 * @param peak    peak of the movement envelope in the source's unit (g above gravity for
 *                acceleration, mmHg for cuff pressure); NaN when unknown (imported events)
 * @param rms     root-mean-square of the envelope over the movement, same unit; NaN when unknown
 * @param source  what saw it; its {@link MovementSource#amplitudeInG()} says the amplitude's unit
 */
public record LegMovement(double onsetS, double offsetS, Leg leg, double peak, double rms, MovementSource source) {
    public LegMovement {
        if (source == null) {
            throw new IllegalArgumentException("movement at " + onsetS + " s has no source");
        }
        if (!Double.isFinite(onsetS) || !Double.isFinite(offsetS) || offsetS < onsetS) {
            throw new IllegalArgumentException("movement offset " + offsetS + " s must be finite and not before onset " + onsetS + " s");
        }
        if (leg == null) {
            throw new IllegalArgumentException("movement at " + onsetS + " s has no leg");
        }
    }

    /**
     * A movement an ankle accelerometer saw (the detector's and the tests' common case).
     *
     * @param onsetS  onset, s on the source's line
     * @param offsetS offset, s, not before the onset
     * @param leg     the leg
     * @param peakG   envelope peak, g above gravity
     * @param rmsG    envelope RMS, g
     */
    public LegMovement(double onsetS, double offsetS, Leg leg, double peakG, double rmsG) {
        this(onsetS, offsetS, leg, peakG, rmsG, MovementSource.ACCELEROMETER);
    }

    /** An imported movement with no amplitude. */
    public static LegMovement of(double onsetS, double offsetS, Leg leg) {
        return new LegMovement(onsetS, offsetS, leg, Double.NaN, Double.NaN, MovementSource.IMPORTED);
    }

    /** @return duration in seconds */
    public double durationS() {
        return offsetS - onsetS;
    }
}
