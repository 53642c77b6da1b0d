package org.plmmonitor.analysis.compare;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One factor's comparison and the nights that could not take part, each with its reason.
 *
 * @param rule       the factor
 * @param comparison nights with it (side B) against nights without (side A)
 * @param left       nights left out (not usable, or the factor not recorded that evening), with why
 */
public record FactorResult(FactorRule rule, Comparison comparison, List<LeftOut> left) {
    public FactorResult {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(comparison, "comparison");
        left = List.copyOf(left);
    }

    /**
     * A night that is not in the comparison.
     *
     * @param date   the night
     * @param reason why, in words
     */
    public record LeftOut(LocalDate date, String reason) {
        public LeftOut {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
