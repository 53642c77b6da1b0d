package org.plmmonitor.analysis.diary;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One blood test of iron status. Guidance (docs/domain.md section 1) advises iron at a ferritin of at most
 * 75 ng/mL or a TSAT under 20 %.
 *
 * @param date          the day the blood was taken
 * @param ferritinNgMl  serum ferritin, ng/mL, 0-5000, or null when not measured
 * @param tsatPct       transferrin saturation, %, 0-100, or null when not measured
 */
public record LabResult(LocalDate date, Double ferritinNgMl, Double tsatPct) {
    /** Ferritin at or below which guidance advises iron, ng/mL. */
    public static final double FERRITIN_IRON_ADVISED = 75;
    /** The higher ferritin target some guidance uses, ng/mL. */
    public static final double FERRITIN_TARGET = 100;

    public LabResult {
        Objects.requireNonNull(date, "lab result date");
        if (ferritinNgMl == null && tsatPct == null) {
            throw new IllegalArgumentException("ferritin_ng_ml, tsat_pct: a result needs ferritin or TSAT");
        }
        DiaryCells.checkRange("ferritin_ng_ml", ferritinNgMl, 0, 5000);
        DiaryCells.checkRange("tsat_pct", tsatPct, 0, 100);
    }
}
