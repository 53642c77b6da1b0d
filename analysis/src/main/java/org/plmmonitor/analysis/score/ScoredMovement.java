package org.plmmonitor.analysis.score;

import org.plmmonitor.analysis.movement.LegMovement;

/**
 * One leg movement as the scorer sees it. Every movement given to the scorer is listed once, and
 * every bilateral movement the scorer builds by merging is listed too (with {@code leg == BILATERAL}).
 * A movement's key is its leg plus its onset: an undecided and a decided emission of the same
 * movement share that key.
 *
 * @param movement    the movement (for a bilateral merge: onset of the first member, latest offset of
 *                    all members, largest peak, duration-weighted RMS)
 * @param candidate   true when it counts towards series by the selected standard (WASM 2016: a CLM)
 * @param periodic    true when it belongs to a PLM series ({@code seriesId != null})
 * @param seriesId    1-based id of its {@link PlmSeries}, or null
 * @param imiS        seconds from the previous candidate's onset to this onset (whole milliseconds),
 *                    null for the first candidate and for non-candidates (except AASM movements
 *                    dropped for a short interval, which keep the interval that dropped them)
 * @param respiratory true when it is respiration-related (WASM: overlaps end-of-event - 2.0 s to
 *                    end + 10.25 s; AASM: within 0.5 s of the event); false when no events were supplied
 * @param arousal     true when an arousal overlaps it or is less than 0.5 s away; false when none supplied
 * @param merged      true when this one-leg movement became part of a bilateral movement (then
 *                    candidate, periodic are false and seriesId, imiS are null on it)
 */
public record ScoredMovement(LegMovement movement, boolean candidate, boolean periodic, Integer seriesId,
                             Double imiS, boolean respiratory, boolean arousal, boolean merged) {
    public ScoredMovement {
        if (movement == null) {
            throw new IllegalArgumentException("scored movement needs a movement");
        }
        if (periodic != (seriesId != null)) {
            throw new IllegalArgumentException("movement at " + movement.onsetS()
                    + " s: periodic must go with a series id (periodic=" + periodic + ", series=" + seriesId + ")");
        }
    }

    /** @return the onset in seconds (shortcut) */
    public double onsetS() {
        return movement.onsetS();
    }
}
