package org.plmmonitor.analysis.score;

import java.util.List;

/**
 * A closed night's scoring: every movement in onset order (one-leg movements before a bilateral
 * movement with the same onset) and every series in id order.
 *
 * @param standard  the rules used
 * @param movements every movement, decided
 * @param series    every series, final
 * @param context   the events the rules related movements to (tells the report which keys apply)
 */
public record ScoringResult(ScoringStandard standard, List<ScoredMovement> movements, List<PlmSeries> series,
                           ScoringContext context) {
    public ScoringResult {
        if (standard == null) {
            throw new IllegalArgumentException("scoring result needs a standard");
        }
        movements = List.copyOf(movements);
        series = List.copyOf(series);
        context = context == null ? ScoringContext.NONE : context;
    }

    /** A result with no respiratory or arousal events supplied. */
    public ScoringResult(ScoringStandard standard, List<ScoredMovement> movements, List<PlmSeries> series) {
        this(standard, movements, series, ScoringContext.NONE);
    }
}
