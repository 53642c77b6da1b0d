package org.plmmonitor.analysis.detect;

/** What the detector decided a burst of activity was. Only {@link #LEG_MOVEMENT} is reported as an LM. */
public enum Verdict {
    LEG_MOVEMENT,
    /** Shorter than the minimum leg-movement duration. */
    TOO_SHORT,
    /**
     * Neither the vibration nor the turn of the shank reached the smallest movement an ankle sensor
     * sees (the onset threshold of the vibration, 12 mg): respiration swaying the orientation, or
     * a mattress's ringing leaking into it.
     */
    TOO_SMALL,
    /** Gravity's direction changed for good: the sleeper turned over. */
    POSTURE_CHANGE,
    /** Power mostly above 3.5 Hz with no lasting tilt: the mattress shaking. */
    VIBRATION,
    /** A long, rhythmic burst: foot tremor or walking. */
    RHYTHMIC,
    /** Activity longer than any leg movement (30 s): turning over at length, getting up. */
    GROSS_MOVEMENT
}
