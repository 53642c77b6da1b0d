package org.plmmonitor.analysis.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The figures of a set of scored nights (one family, or a pool of families): the per-family table of
 * docs/detector.md, computed in one place for the accuracy tests and the families benchmark.
 *
 * @param nights the nights, in any order
 */
public record FamilyScore(List<NightScore> nights) {
    /** Lower edges of the peak bands recall is broken down by, g. */
    public static final double[] BANDS_G = {0, 0.03, 0.06, 0.12};

    public FamilyScore {
        nights = List.copyOf(nights);
    }

    /** @return one-to-one agreement per leg, pooled over the nights and legs */
    public Evaluation.Agreement agreement() {
        return sum(NightScore::agreement);
    }

    /** @return agreement of the movements with both legs merged (bilateral rule), pooled */
    public Evaluation.Agreement mergedAgreement() {
        return sum(NightScore::merged);
    }

    /** @return structure counts, pooled */
    public Evaluation.Structure structure() {
        Evaluation.Structure s = new Evaluation.Structure(0, 0, 0, 0, 0);
        for (NightScore n : nights) {
            s = s.plus(n.structure());
        }
        return s;
    }

    /** @return each night's F1 over its legs */
    public List<Double> nightF1() {
        return nights.stream().map(NightScore::f1).toList();
    }

    /** @return each night's F1 of merged movements */
    public List<Double> nightMergedF1() {
        return nights.stream().map(n -> n.merged().f1()).toList();
    }

    /** @return the absolute PLM/h errors in % of nights with a truth from 10/h */
    public List<Double> plmErrorPct() {
        return nights.stream().map(NightScore::plmErrorPct).filter(e -> e != null).map(Math::abs).toList();
    }

    /** @return the absolute PLM/h errors in /h of nights with a truth below 10/h */
    public List<Double> plmErrorPerH() {
        return nights.stream().map(NightScore::plmErrorPerH).filter(e -> e != null).map(Math::abs).toList();
    }

    /** @return signed onset errors (detected minus truth) of matched movements, s */
    public List<Double> onsetErrors() {
        List<Double> out = new ArrayList<>();
        nights.forEach(n -> n.matches().forEach(m -> out.add(m.onsetErrorS())));
        return out;
    }

    /** @return signed offset errors (detected minus truth) of matched movements, s */
    public List<Double> offsetErrors() {
        List<Double> out = new ArrayList<>();
        nights.forEach(n -> n.matches().forEach(m -> out.add(m.offsetErrorS())));
        return out;
    }

    /**
     * @param p percentile, 0-100 (lower value at ties: the element at floor(p/100 x n))
     * @return that percentile of v, NaN when empty
     */
    public static double percentile(List<Double> v, double p) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a[(int) Math.min(a.length - 1, Math.floor(p / 100 * a.length))];
    }

    /** @return the median of v (mean of the two middle values for an even count), NaN when empty */
    public static double median(List<Double> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }

    /** @return the largest of v, NaN when empty */
    public static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** @return the smallest of v, NaN when empty */
    public static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    /** @return absolute values of v */
    public static List<Double> abs(List<Double> v) {
        return v.stream().map(Math::abs).toList();
    }

    /**
     * One line of the table: F1 (per leg and merged), night F1, PLM/h error, onset and offset error,
     * structure, recall by peak band.
     *
     * @param name what the line is (a family, a pool)
     */
    public String line(String name) {
        Evaluation.Agreement a = agreement();
        Evaluation.Agreement b = mergedAgreement();
        Evaluation.Structure s = structure();
        List<Double> on = onsetErrors();
        List<Double> off = offsetErrors();
        return String.format(Locale.ROOT,
                "%-20s n=%2d  F1 %.3f P %.3f R %.3f | night F1 median %.3f min %.3f | merged legs: F1 %.3f, night median %.3f min %.3f"
                        + " | PLM/h err%% median %.1f max %.1f (>=10/h, n=%d); |err|/h max %.2f (<10/h, n=%d)"
                        + " | onset |err| median %.2f p90 %.2f bias %+.2f; offset |err| median %.2f p90 %.2f bias %+.2f s"
                        + " | merged %d split %d | long %d, split into candidates %d (%d fragments)%s",
                name, nights.size(), a.f1(), a.precision(), a.recall(), percentile(nightF1(), 50), min(nightF1()),
                b.f1(), percentile(nightMergedF1(), 50), min(nightMergedF1()),
                percentile(plmErrorPct(), 50), max(plmErrorPct()), plmErrorPct().size(), max(plmErrorPerH()),
                plmErrorPerH().size(),
                percentile(abs(on), 50), percentile(abs(on), 90), percentile(on, 50),
                percentile(abs(off), 50), percentile(abs(off), 90), percentile(off, 50),
                s.merged(), s.split(), s.longMovements(), s.longSplit(), s.longFragments(), bands());
    }

    private String bands() {
        int[] truth = new int[BANDS_G.length];
        int[] found = new int[BANDS_G.length];
        for (NightScore n : nights) {
            n.truth().forEach(e -> truth[band(e.peakG())]++);
            n.matches().forEach(m -> found[band(m.truth().peakG())]++);
        }
        StringBuilder b = new StringBuilder(" | recall by peak:");
        for (int i = 0; i < BANDS_G.length; i++) {
            b.append(String.format(Locale.ROOT, " >=%.0f mg %d/%d", BANDS_G[i] * 1000, found[i], truth[i]));
        }
        return b.toString();
    }

    private static int band(double peakG) {
        int i = BANDS_G.length - 1;
        while (i > 0 && peakG < BANDS_G[i]) {
            i--;
        }
        return i;
    }

    private Evaluation.Agreement sum(Function<NightScore, Evaluation.Agreement> f) {
        Evaluation.Agreement a = new Evaluation.Agreement(0, 0, 0);
        for (NightScore n : nights) {
            a = a.plus(f.apply(n));
        }
        return a;
    }
}
