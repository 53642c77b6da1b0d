package org.plmmonitor.analysis.compare;

import java.util.Objects;

/**
 * The words a comparison's text uses.
 *
 * @param measure what the values are, with its unit, e.g. "PLM per hour in bed (ankle accelerometry)"
 * @param a       the reference group's name in a sentence, e.g. "without caffeine after noon" or "no cuff"
 * @param b       the other group's name, e.g. "with caffeine after noon" or "cuff"
 */
public record Labels(String measure, String a, String b) {
    public Labels {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(a, "label a");
        Objects.requireNonNull(b, "label b");
        if (measure.isBlank() || a.isBlank() || b.isBlank()) {
            throw new IllegalArgumentException("comparison labels must not be blank");
        }
    }

    /**
     * @param s a side
     * @return its label
     */
    public String of(Side s) {
        return s == Side.A ? a : b;
    }
}
