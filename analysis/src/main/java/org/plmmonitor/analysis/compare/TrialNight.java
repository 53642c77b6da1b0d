package org.plmmonitor.analysis.compare;

import java.util.Objects;
import java.util.Optional;

/**
 * One night of an n-of-1 trial as the comparison sees it: where the schedule put it, whether it kept to the
 * schedule, and its index.
 *
 * @param index     the night's index and analysable time
 * @param block     its randomisation block (from 1)
 * @param side      its scheduled arm: {@link Side#A} the control, {@link Side#B} the treatment
 * @param deviation how the night did not follow the schedule, or empty when it did
 */
public record TrialNight(NightIndex index, int block, Side side, Optional<String> deviation) {
    public TrialNight {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(deviation, "deviation");
        if (block < 1) {
            throw new IllegalArgumentException("night " + index.date() + ": block " + block + " is below 1");
        }
    }

    /** @return why the night is left out of the comparison (not following comes first), or empty when it counts */
    public Optional<String> exclusion() {
        return deviation.map(d -> "did not follow the schedule: " + d).or(index::reasonNotUsable);
    }
}
