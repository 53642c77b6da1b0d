package org.plmmonitor.analysis.report;

import java.util.Objects;

/**
 * One cuff therapy session as the night's JSON lists it ({@code cuff_sessions[]}, docs/contracts.md).
 *
 * @param startS          its start, s in the report's own time base (below 0 before the night's first sample)
 * @param endS            its end, s in the same base, {@code >= startS}
 * @param trigger         what started it: {@code scheduled}, {@code series} or {@code movements}
 * @param cycles          INFLATE commands sent in it, 0 or more
 * @param maxPressureMmHg highest pressure the controller reported during it, mmHg, 0 or more
 * @param outcome         how it ended, a contracts.md word such as {@code completed} or {@code link_lost}
 */
public record CuffSessionEntry(double startS, double endS, String trigger, int cycles, double maxPressureMmHg,
                               String outcome) {
    public CuffSessionEntry {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(outcome, "outcome");
        if (!(endS >= startS) || !Double.isFinite(startS) || !Double.isFinite(endS)) {
            throw new IllegalArgumentException("cuff session from " + startS + " s to " + endS + " s is not a finite span");
        }
        if (cycles < 0 || !(maxPressureMmHg >= 0)) {
            throw new IllegalArgumentException("cuff session cycles " + cycles + " and pressure " + maxPressureMmHg
                    + " mmHg must be >= 0");
        }
    }
}
