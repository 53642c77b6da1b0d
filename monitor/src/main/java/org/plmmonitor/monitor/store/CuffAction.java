package org.plmmonitor.monitor.store;

import java.util.Objects;

/**
 * One cuff command and its outcome: appended, never updated.
 *
 * @param nightId    night id ({@link NightIds})
 * @param timeUtcMs  when the command was sent, UTC epoch ms; also the InfluxDB timestamp
 * @param command    the command
 * @param targetMmHg target pressure, mmHg, 0-300 (0 for commands without a target)
 * @param durationS  requested duration, s, 0-86400 (0 for none)
 * @param outcome    what became of it
 */
public record CuffAction(String nightId, long timeUtcMs, CuffCommand command, double targetMmHg,
                         double durationS, CuffOutcome outcome) implements StoredItem {
    public CuffAction {
        NightIds.requireValid(nightId);
        Objects.requireNonNull(command, "cuff command");
        Objects.requireNonNull(outcome, "cuff outcome");
        if (!(targetMmHg >= 0 && targetMmHg <= 300)) {
            throw new IllegalArgumentException("cuff target " + targetMmHg + " mmHg is outside 0-300");
        }
        if (!(durationS >= 0 && durationS <= 86_400)) {
            throw new IllegalArgumentException("cuff duration " + durationS + " s is outside 0-86400");
        }
    }
}
