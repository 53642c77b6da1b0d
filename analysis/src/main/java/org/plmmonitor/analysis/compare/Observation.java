package org.plmmonitor.analysis.compare;

import java.util.Objects;

/**
 * One usable night in a comparison.
 *
 * @param value the night's index, per hour, finite
 * @param side  its group
 * @param block the randomisation block it belongs to (permutations exchange sides only within a block);
 *              use one block for all when the groups were not randomised
 */
public record Observation(double value, Side side, int block) {
    public Observation {
        Objects.requireNonNull(side, "side");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("observation value " + value + " is not finite");
        }
    }
}
