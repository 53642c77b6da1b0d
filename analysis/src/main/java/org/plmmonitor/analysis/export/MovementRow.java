package org.plmmonitor.analysis.export;

import org.plmmonitor.analysis.movement.Leg;

/**
 * One movement of a night as every export writes it: the report's movement placed in wall-clock time by
 * the daemon's own mapping of the sources' time line.
 *
 * @param nightId          the night's name
 * @param leg              left, right or bilateral (a bilateral candidate)
 * @param onsetUtcMs       onset, UTC epoch ms
 * @param offsetUtcMs      offset, UTC epoch ms, {@code >= onsetUtcMs}
 * @param onsetFromStartS  onset, seconds from the night's start
 * @param durationS        offset minus onset on the sources' line, s, {@code >= 0} (the report's own seconds)
 * @param candidate        true for a candidate leg movement (CLM)
 * @param periodic         true for a member of a PLM series
 * @param series           its series id (from 1), null when none
 * @param imiS             onset minus the previous candidate's onset, s, null for the first and non-candidates
 * @param peakG            peak of the activity envelope, g, null when unknown
 * @param rmsG             RMS of the envelope, g, null when unknown
 * @param detectorVersion  the detector that found it
 */
public record MovementRow(String nightId, Leg leg, long onsetUtcMs, long offsetUtcMs, double onsetFromStartS,
                          double durationS, boolean candidate, boolean periodic, Integer series, Double imiS,
                          Double peakG, Double rmsG, String detectorVersion) {
    public MovementRow {
        if (offsetUtcMs < onsetUtcMs || !(durationS >= 0)) {
            throw new IllegalArgumentException("night " + nightId + ": movement at " + onsetUtcMs + " ms ends before it starts ("
                    + offsetUtcMs + " ms, " + durationS + " s)");
        }
    }

    /** @return the offset, seconds from the night's start */
    public double offsetFromStartS() {
        return onsetFromStartS + durationS;
    }

    /** @return the annotation label of docs/export.md: {@code LM left}, {@code PLM right}, {@code LM bilateral}... */
    public String label() {
        return (periodic ? "PLM " : "LM ") + leg.jsonName();
    }
}
