package org.plmmonitor.analysis.compare;

import java.util.List;
import java.util.Objects;

/**
 * How one diary factor splits nights: a {@link FactorValue.Flag} is taken as ticked; a
 * {@link FactorValue.Amount} counts as present when it is at or above {@code threshold}.
 *
 * @param key          the diary key, e.g. {@code alcohol_units}
 * @param presentLabel the group with the factor, in a sentence, e.g. "with alcohol (1 unit or more)"
 * @param absentLabel  the group without, e.g. "without alcohol"
 * @param threshold    the amount from which it counts as present, in the factor's unit (ignored for flags)
 */
public record FactorRule(String key, String presentLabel, String absentLabel, double threshold) {
    /**
     * The factors the project compares by default (domain facts: known aggravators and helpers):
     * <ul>
     *   <li>{@code caffeine_after_noon}: the last caffeine's local hour (e.g. 15.5 for 15:30) at or after 12,
     *       or a flag;</li>
     *   <li>{@code alcohol_units}: 1 unit or more;</li>
     *   <li>{@code nicotine}: a flag, or an amount of 1 or more;</li>
     *   <li>{@code evening_exercise_min}: 20 minutes or more of evening exercise;</li>
     *   <li>{@code aggravating_medicine}: a medicine known to aggravate RLS was taken (a flag);</li>
     *   <li>{@code compression}: a compression session that evening (a flag, or minutes &gt;= 1).</li>
     * </ul>
     */
    public static final List<FactorRule> DEFAULTS = List.of(
            new FactorRule("caffeine_after_noon", "with caffeine after noon", "without caffeine after noon", 12),
            new FactorRule("alcohol_units", "with alcohol (1 unit or more)", "without alcohol", 1),
            new FactorRule("nicotine", "with nicotine", "without nicotine", 1),
            new FactorRule("evening_exercise_min", "with evening exercise (20 min or more)",
                    "without evening exercise", 20),
            new FactorRule("aggravating_medicine", "with an aggravating medicine", "without an aggravating medicine", 1),
            new FactorRule("compression", "with compression", "without compression", 1));

    public FactorRule {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(presentLabel, "presentLabel");
        Objects.requireNonNull(absentLabel, "absentLabel");
        if (key.isBlank()) {
            throw new IllegalArgumentException("factor key is blank");
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("factor " + key + ": threshold " + threshold + " is not finite");
        }
    }

    /**
     * @param v what the diary recorded
     * @return true when that counts as present
     */
    public boolean present(FactorValue v) {
        if (v instanceof FactorValue.Flag f) {
            return f.present();
        }
        return ((FactorValue.Amount) v).value() >= threshold;
    }
}
