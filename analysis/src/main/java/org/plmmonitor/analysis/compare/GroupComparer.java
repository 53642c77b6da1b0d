package org.plmmonitor.analysis.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Random;

/**
 * Compares the nightly index of two groups of nights.
 *
 * <ul>
 *   <li><b>Difference</b>: median of B minus median of A.</li>
 *   <li><b>Interval</b>: percentile bootstrap, each group resampled with replacement on its own (so the
 *       group sizes stay as observed), {@link CompareOptions#resamples()} times; quantiles by linear
 *       interpolation between order statistics.</li>
 *   <li><b>Permutation test</b>: two-sided, on the absolute difference in median; each of
 *       {@link CompareOptions#permutations()} random permutations shuffles the side labels <em>within each
 *       block</em> (so it follows a block randomisation: every block keeps its own count per side); p =
 *       (1 + permutations at least as extreme) / (1 + permutations), never 0.</li>
 *   <li><b>Nights needed</b> to detect a relative difference {@code c} of A's median with power {@code 1-b}
 *       at a two-sided level {@code 1-confidence}: normal approximation for a difference of two medians,
 *       whose variance is about {@code (pi/2) s^2 / n} each, so {@code n = pi s^2 (z(1-a/2) + z(1-b))^2 /
 *       (c m_A)^2} per side, with {@code s} the pooled standard deviation of the two groups. It is an
 *       estimate from the spread seen so far, never below the minimum per side.</li>
 * </ul>
 * The draws use one {@link Random} seeded with {@link CompareOptions#seed()}: bootstrap first, then the
 * permutations, so equal inputs and seed give equal results on every Java.
 */
public final class GroupComparer {
    private GroupComparer() {
    }

    /**
     * @param observations usable nights, any order (at least one block id each)
     * @param labels       the words of the text
     * @param options      resamples, seed, levels
     * @return the comparison, or {@link Comparison.CannotTellYet} when a side has fewer than the minimum
     */
    public static Comparison compare(List<Observation> observations, Labels labels, CompareOptions options) {
        Objects.requireNonNull(observations, "observations");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(options, "options");
        double[] a = values(observations, Side.A);
        double[] b = values(observations, Side.B);
        OptionalInt needed = nightsNeeded(a, b, options);
        if (a.length < options.minimumPerSide() || b.length < options.minimumPerSide()) {
            return new Comparison.CannotTellYet(labels, a.length, b.length, options.minimumPerSide(),
                    options.detectableChange(), options.power(), needed);
        }
        double medianA = median(a);
        double medianB = median(b);
        double observed = medianB - medianA;
        Random random = new Random(options.seed());

        double[] diffs = new double[options.resamples()];
        double[] ra = new double[a.length];
        double[] rb = new double[b.length];
        for (int r = 0; r < diffs.length; r++) {
            for (int i = 0; i < ra.length; i++) {
                ra[i] = a[random.nextInt(a.length)];
            }
            for (int i = 0; i < rb.length; i++) {
                rb[i] = b[random.nextInt(b.length)];
            }
            diffs[r] = median(rb) - median(ra);
        }
        Arrays.sort(diffs);
        double tail = (1 - options.confidence()) / 2;
        double low = quantileSorted(diffs, tail);
        double high = quantileSorted(diffs, 1 - tail);

        Map<Integer, List<Observation>> blocks = new LinkedHashMap<>();
        for (Observation o : observations) {
            blocks.computeIfAbsent(o.block(), k -> new ArrayList<>()).add(o);
        }
        double[] values = new double[observations.size()];
        Side[] sides = new Side[observations.size()];
        List<int[]> blockIndices = new ArrayList<>();
        int k = 0;
        for (List<Observation> block : blocks.values()) {
            int[] idx = new int[block.size()];
            for (int i = 0; i < block.size(); i++) {
                values[k] = block.get(i).value();
                sides[k] = block.get(i).side();
                idx[i] = k++;
            }
            blockIndices.add(idx);
        }
        // A tolerance so that a permutation equal to the observed split counts as extreme despite rounding.
        double threshold = Math.abs(observed) - 1e-9 * Math.max(1, Math.abs(observed));
        int extreme = 0;
        Side[] shuffled = sides.clone();
        double[] pa = new double[a.length];
        double[] pb = new double[b.length];
        for (int p = 0; p < options.permutations(); p++) {
            for (int[] idx : blockIndices) {
                for (int i = idx.length - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    Side t = shuffled[idx[i]];
                    shuffled[idx[i]] = shuffled[idx[j]];
                    shuffled[idx[j]] = t;
                }
            }
            int ia = 0;
            int ib = 0;
            for (int i = 0; i < values.length; i++) {
                if (shuffled[i] == Side.A) {
                    pa[ia++] = values[i];
                } else {
                    pb[ib++] = values[i];
                }
            }
            if (Math.abs(median(pb) - median(pa)) >= threshold) {
                extreme++;
            }
        }
        double pValue = (1.0 + extreme) / (1.0 + options.permutations());
        return new Comparison.Compared(labels, a.length, b.length, medianA, medianB, observed, low, high,
                options.confidence(), options.resamples(), options.seed(), pValue, options.permutations(),
                blocks.size(), options.detectableChange(), options.power(), needed);
    }

    /**
     * The normal-approximation sample size described in the class comment.
     *
     * @param a       group A's values
     * @param b       group B's values
     * @param options the change, level and power
     * @return nights per side, or empty with fewer than two values on a side or a zero median in A
     */
    static OptionalInt nightsNeeded(double[] a, double[] b, CompareOptions options) {
        if (a.length < 2 || b.length < 2) {
            return OptionalInt.empty();
        }
        double delta = options.detectableChange() * median(a);
        if (!(delta > 0)) {
            return OptionalInt.empty();
        }
        double pooledVar = (sumSquares(a) + sumSquares(b)) / (a.length + b.length - 2);
        double z = inverseNormal(1 - (1 - options.confidence()) / 2) + inverseNormal(options.power());
        double n = Math.PI * pooledVar * z * z / (delta * delta);
        return OptionalInt.of((int) Math.max(options.minimumPerSide(), Math.ceil(n - 1e-9)));
    }

    /** The sentence on nights needed, shared by both results. */
    static String neededSentence(Comparison c) {
        int pct = (int) Math.round(c.detectableChange() * 100);
        if (c.nightsNeededPerSide().isEmpty()) {
            return String.format(Locale.ROOT, "The nights needed to detect a %d %% difference cannot be estimated yet "
                    + "(it needs two nights on each side and a median above zero %s). ", pct, c.labels().a());
        }
        int need = c.nightsNeededPerSide().getAsInt();
        int moreA = c.moreNightsNeeded(Side.A).orElseThrow();
        int moreB = c.moreNightsNeeded(Side.B).orElseThrow();
        String more = moreA == 0 && moreB == 0 ? "there are that many already"
                : String.format(Locale.ROOT, "%d more %s and %d more %s", moreA, c.labels().a(), moreB, c.labels().b());
        return String.format(Locale.ROOT, "About %d usable nights on each side would be needed to detect a %d %% "
                + "difference from the median %s with %d %% power (normal approximation from the spread so far): %s. ",
                need, pct, c.labels().a(), Math.round(c.power() * 100), more);
    }

    private static double[] values(List<Observation> obs, Side side) {
        return obs.stream().filter(o -> o.side() == side).mapToDouble(Observation::value).toArray();
    }

    private static double sumSquares(double[] x) {
        double mean = Arrays.stream(x).average().orElse(0);
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s;
    }

    /**
     * @param x values (not modified)
     * @return their median (mean of the two middle values for an even count)
     */
    public static double median(double[] x) {
        if (x.length == 0) {
            throw new IllegalArgumentException("median of no values");
        }
        double[] s = x.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    private static double quantileSorted(double[] s, double q) {
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    /**
     * Inverse of the standard normal distribution (Acklam's rational approximation, relative error below
     * 1.2e-9, ample for a sample-size estimate).
     *
     * @param p a probability in (0, 1)
     * @return z with P(Z &lt;= z) = p
     */
    static double inverseNormal(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("probability " + p + " is outside (0, 1)");
        }
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
                -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
                -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
                4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) {
            return -inverseNormal(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
