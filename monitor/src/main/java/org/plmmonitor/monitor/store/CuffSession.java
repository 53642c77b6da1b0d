package org.plmmonitor.monitor.store;

import org.plmmonitor.monitor.cuff.SessionOutcome;
import org.plmmonitor.monitor.cuff.SessionTrigger;

import java.util.Objects;

/**
 * One cuff therapy session, written once when it ends; keyed by its night and start.
 *
 * @param nightId         night id ({@link NightIds}): the night its start names
 * @param startUtcMs      when it started, UTC epoch ms; also the InfluxDB timestamp
 * @param endUtcMs        when it ended, UTC epoch ms, {@code >= startUtcMs}
 * @param trigger         what started it
 * @param cycles          INFLATE commands sent in it, 0 or more
 * @param maxPressureMmHg highest pressure the controller reported during it, mmHg, finite, 0 or more
 * @param outcome         how it ended
 */
public record CuffSession(String nightId, long startUtcMs, long endUtcMs, SessionTrigger trigger, int cycles,
                          double maxPressureMmHg, SessionOutcome outcome) implements StoredItem {
    public CuffSession {
        NightIds.requireValid(nightId);
        Objects.requireNonNull(trigger, "session trigger");
        Objects.requireNonNull(outcome, "session outcome");
        if (endUtcMs < startUtcMs) {
            throw new IllegalArgumentException("cuff session ends at " + endUtcMs + " ms, before its start " + startUtcMs);
        }
        if (cycles < 0) {
            throw new IllegalArgumentException("cuff session cycles " + cycles + " is below 0");
        }
        if (!(maxPressureMmHg >= 0 && Double.isFinite(maxPressureMmHg))) {
            throw new IllegalArgumentException("cuff session pressure " + maxPressureMmHg + " mmHg is not a finite value >= 0");
        }
    }

    /** @return its length, s */
    public double durationS() {
        return (endUtcMs - startUtcMs) / 1000.0;
    }
}
