package org.plmmonitor.analysis.score;

import org.plmmonitor.analysis.time.TimeInterval;

import java.util.List;

/**
 * Events from elsewhere (a PSG scoring) that the rules relate movements to. Same time line as the
 * movements. A null or empty list means "not supplied": the corresponding flags stay false and the
 * report leaves the corresponding keys out.
 *
 * @param respiratory apnea and hypopnea events, seconds; null or empty when not supplied
 * @param arousals    arousal events, seconds; null or empty when not supplied
 */
public record ScoringContext(List<TimeInterval> respiratory, List<TimeInterval> arousals) {
    /** Nothing supplied. */
    public static final ScoringContext NONE = new ScoringContext(null, null);

    public ScoringContext {
        respiratory = respiratory == null ? null : List.copyOf(respiratory);
        arousals = arousals == null ? null : List.copyOf(arousals);
    }

    /** @return true when respiratory events were supplied (at least one) */
    public boolean hasRespiratory() {
        return respiratory != null && !respiratory.isEmpty();
    }

    /** @return true when arousal events were supplied (at least one) */
    public boolean hasArousals() {
        return arousals != null && !arousals.isEmpty();
    }
}
