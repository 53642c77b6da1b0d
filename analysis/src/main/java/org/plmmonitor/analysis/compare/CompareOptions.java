package org.plmmonitor.analysis.compare;

/**
 * How a comparison is computed. The defaults ({@link #DEFAULT}) are what the reports use and document:
 * 10,000 bootstrap resamples and 10,000 permutations, seed 1, a 95 % interval, and the nights needed to
 * detect a 30 % difference with 80 % power at a two-sided 5 % level.
 *
 * @param resamples         bootstrap resamples, 100-1,000,000
 * @param permutations      random permutations of the permutation test, 100-1,000,000
 * @param seed              seed of the bootstrap and permutation draws (any value)
 * @param confidence        level of the interval, in (0.5, 1)
 * @param detectableChange  the relative difference the sample-size estimate is for, in (0, 1], e.g. 0.30
 * @param power             power of that estimate, in (0.5, 1)
 * @param minimumPerSide    usable nights each side needs before anything is compared, &gt;= 2 (3 by contract)
 */
public record CompareOptions(int resamples, int permutations, long seed, double confidence, double detectableChange,
                             double power, int minimumPerSide) {
    /** The documented defaults. */
    public static final CompareOptions DEFAULT = new CompareOptions(10_000, 10_000, 1L, 0.95, 0.30, 0.80, 3);

    public CompareOptions {
        if (resamples < 100 || resamples > 1_000_000) {
            throw new IllegalArgumentException("resamples " + resamples + " is outside 100-1000000");
        }
        if (permutations < 100 || permutations > 1_000_000) {
            throw new IllegalArgumentException("permutations " + permutations + " is outside 100-1000000");
        }
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new IllegalArgumentException("confidence " + confidence + " is outside (0.5, 1)");
        }
        if (!(detectableChange > 0 && detectableChange <= 1)) {
            throw new IllegalArgumentException("detectable change " + detectableChange + " is outside (0, 1]");
        }
        if (!(power > 0.5 && power < 1)) {
            throw new IllegalArgumentException("power " + power + " is outside (0.5, 1)");
        }
        if (minimumPerSide < 2) {
            throw new IllegalArgumentException("minimum nights per side " + minimumPerSide + " is below 2");
        }
    }

    /**
     * @param s another seed
     * @return these options with that seed
     */
    public CompareOptions withSeed(long s) {
        return new CompareOptions(resamples, permutations, s, confidence, detectableChange, power, minimumPerSide);
    }
}
