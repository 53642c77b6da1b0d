package org.plmmonitor.analysis.compare;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a comparison of two groups of nights found: either {@link Compared} or {@link CannotTellYet}. Both say
 * how many usable nights are behind them and, where the spread allows, how many each side would need to detect
 * the configured relative difference. Texts never state a cause.
 */
public sealed interface Comparison permits Comparison.Compared, Comparison.CannotTellYet {

    /** @return the words used */
    Labels labels();

    /** @return usable nights in group A */
    int nightsA();

    /** @return usable nights in group B */
    int nightsB();

    /**
     * @return usable nights each side would need to detect the options' relative difference of A's median
     *         (normal approximation, see {@link GroupComparer}); empty when it cannot be estimated (fewer than
     *         two nights on a side, or a median of zero in A)
     */
    OptionalInt nightsNeededPerSide();

    /** @return the relative difference of A's median the nights-needed estimate is for, e.g. 0.30 */
    double detectableChange();

    /** @return the power of that estimate, e.g. 0.80 */
    double power();

    /** @return one paragraph for people */
    String text();

    /**
     * @param side a side
     * @return usable nights still missing on that side for the sample-size estimate, 0 when there are enough;
     *         empty when no estimate exists
     */
    default OptionalInt moreNightsNeeded(Side side) {
        OptionalInt need = nightsNeededPerSide();
        if (need.isEmpty()) {
            return OptionalInt.empty();
        }
        int have = side == Side.A ? nightsA() : nightsB();
        return OptionalInt.of(Math.max(0, need.getAsInt() - have));
    }

    /**
     * Enough nights on both sides: the medians, their difference (B minus A) with its bootstrap interval, and a
     * permutation test.
     *
     * @param labels              the words used
     * @param nightsA             usable nights in A, &gt;= the minimum
     * @param nightsB             usable nights in B, &gt;= the minimum
     * @param medianA             median of A, per hour
     * @param medianB             median of B, per hour
     * @param difference          medianB - medianA, per hour
     * @param ciLow               lower end of the interval, per hour
     * @param ciHigh              upper end, per hour, &gt;= ciLow
     * @param confidence          the interval's level, e.g. 0.95
     * @param resamples           bootstrap resamples behind it
     * @param seed                the seed of the draws
     * @param pValue              two-sided permutation p for the difference in median, in (0, 1]
     * @param permutations        random permutations behind it
     * @param blocks              number of randomisation blocks the permutations respected (1: none)
     * @param detectableChange    the relative difference the estimate is for, e.g. 0.30
     * @param power               the power the estimate is for, e.g. 0.80
     * @param nightsNeededPerSide see {@link Comparison#nightsNeededPerSide()}
     */
    record Compared(Labels labels, int nightsA, int nightsB, double medianA, double medianB, double difference,
                    double ciLow, double ciHigh, double confidence, int resamples, long seed, double pValue,
                    int permutations, int blocks, double detectableChange, double power, OptionalInt nightsNeededPerSide)
            implements Comparison {
        public Compared {
            Objects.requireNonNull(labels, "labels");
            Objects.requireNonNull(nightsNeededPerSide, "nightsNeededPerSide");
            if (!(ciLow <= ciHigh)) {
                throw new IllegalArgumentException("interval " + ciLow + " to " + ciHigh + " is reversed");
            }
            if (!(pValue > 0 && pValue <= 1)) {
                throw new IllegalArgumentException("p " + pValue + " is outside (0, 1]");
            }
        }

        /** @return true when the interval does not contain 0 */
        public boolean intervalExcludesZero() {
            return ciLow > 0 || ciHigh < 0;
        }

        @Override
        public String text() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "%s: median %.1f over %d nights %s, %.1f over %d nights %s. ",
                    labels.measure(), medianA, nightsA, labels.a(), medianB, nightsB, labels.b()));
            s.append(String.format(Locale.ROOT, "Difference in median (%s minus %s) %+.1f, %d %% interval %.1f to %.1f "
                            + "(bootstrap, %d resamples, seed %d). ", labels.b(), labels.a(), difference,
                    Math.round(confidence * 100), ciLow, ciHigh, resamples, seed));
            s.append(String.format(Locale.ROOT, "Permutation test p = %.3f (%d permutations%s). ", pValue, permutations,
                    blocks > 1 ? ", sides exchanged only within the " + blocks + " randomisation blocks" : ""));
            s.append(GroupComparer.neededSentence(this));
            s.append("This describes two groups of nights; it does not show what made them differ.");
            return s.toString();
        }
    }

    /**
     * Fewer than the minimum usable nights on a side: nothing is compared.
     *
     * @param labels              the words used
     * @param nightsA             usable nights in A
     * @param nightsB             usable nights in B
     * @param minimumPerSide      the usable nights each side needs
     * @param detectableChange    the relative difference the estimate is for
     * @param power               the power the estimate is for
     * @param nightsNeededPerSide see {@link Comparison#nightsNeededPerSide()}
     */
    record CannotTellYet(Labels labels, int nightsA, int nightsB, int minimumPerSide, double detectableChange,
                         double power, OptionalInt nightsNeededPerSide) implements Comparison {
        public CannotTellYet {
            Objects.requireNonNull(labels, "labels");
            Objects.requireNonNull(nightsNeededPerSide, "nightsNeededPerSide");
        }

        /**
         * @param side a side
         * @return usable nights that side still lacks before it can be compared at all
         */
        public int moreForMinimum(Side side) {
            return Math.max(0, minimumPerSide - (side == Side.A ? nightsA : nightsB));
        }

        @Override
        public String text() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                    "Cannot tell yet: %d usable nights %s and %d %s; at least %d on each side are needed",
                    nightsA, labels.a(), nightsB, labels.b(), minimumPerSide));
            StringBuilder more = new StringBuilder();
            for (Side side : Side.values()) {
                int m = moreForMinimum(side);
                if (m > 0) {
                    more.append(more.isEmpty() ? "" : ", ").append(m).append(" more ").append(labels.of(side));
                }
            }
            s.append(" (").append(more).append("). ");
            s.append(GroupComparer.neededSentence(this));
            return s.toString().trim();
        }
    }
}
