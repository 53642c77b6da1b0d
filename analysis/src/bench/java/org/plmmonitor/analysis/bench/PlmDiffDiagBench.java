package org.plmmonitor.analysis.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.score.PlmScorer;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.score.ScoringContext;
import org.plmmonitor.analysis.score.ScoringResult;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.sim.Family;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.analysis.sim.TruthEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Diagnostic for tuning only (refuses a held-out family, docs/detector.md's rule): where a night's PLM
 * count differs from the truth's, which movements made it. Both the visible truth and the detections
 * are scored by WASM 2016 (bilateral merging included); a periodic movement on one side that overlaps
 * no periodic movement on the other is a difference. Differences within 60 s of each other are shown
 * as one window: every truth and detected movement there, as scored (C candidate, P periodic with its
 * series, M merged into a bilateral movement, B bilateral), with the interval to the previous one.
 * Each night's line is followed by why its lost periodic movements were lost ({@link #whyLost}), what
 * the detector rejected where a lost movement has no detection ("missed @", with the rejection's
 * verdict), and, for a lost movement whose candidate was detected, what broke its series
 * ({@link #whyBroken}; tallied over all nights at the end).
 *
 * <pre>mvn -B -o -q -Pbench -pl analysis test -Dtest=PlmDiffDiagBench -Dfamilies=KINEMATIC_PAIRS -Dnights=6 -Dhours=8</pre>
 * {@code -Dfirst=I} (first night index, 0), {@code -Dcfg=} as in {@link KinematicFamiliesBench},
 * {@code -Drejections=true} (every rejected burst with its verdict and length in s, marked MISSED when it
 * overlaps a visible truth movement no detection overlaps, TRUTH when it overlaps a detected one, NOTRUTH
 * otherwise).
 */
@Tag("bench")
class PlmDiffDiagBench {
    @Test
    void run() {
        for (Family f : TuningFamilies.fromProperty(Family.KINEMATIC_PAIRS)) {
            for (NightSpec spec : TuningFamilies.nights(f)) {
                night(f, spec);
            }
        }
    }

    private void night(Family f, NightSpec spec) {
        SyntheticNight night = SyntheticNight.generate(spec);
        NightDetections found = NightDetections.of(night, KinematicFamiliesBench.CONFIG);
        List<LegMovement> det = found.movements();
        List<String> rejected = new ArrayList<>();
        List<double[]> rejectedAt = new ArrayList<>();
        for (NightDetections.Rejection r : found.rejections()) {
            rejected.add(String.format(Locale.ROOT, "%s %.2f-%.2f %s", r.leg(), r.span().startS(), r.span().endS(), r.reason()));
            rejectedAt.add(new double[]{r.span().startS(), r.span().endS()});
        }
        List<LegMovement> truth = new ArrayList<>();
        for (Leg l : night.legs()) {
            for (TruthEvent e : night.legMovements(l, true)) {
                truth.add(new LegMovement(e.onsetS(), e.offsetS(), l, e.peakG(), Double.NaN));
            }
        }
        truth.sort((a, b) -> Double.compare(a.onsetS(), b.onsetS()));
        ScoringResult ts = PlmScorer.scoreAll(truth, ScoringStandard.WASM2016, ScoringContext.NONE);
        ScoringResult ds = PlmScorer.scoreAll(det, ScoringStandard.WASM2016, ScoringContext.NONE);
        List<ScoredMovement> tp = periodic(ts);
        List<ScoredMovement> dp = periodic(ds);
        List<double[]> diffs = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (ScoredMovement t : tp) {
            if (dp.stream().noneMatch(d -> overlaps(d.movement(), t.movement()))) {
                diffs.add(new double[]{t.movement().onsetS(), t.movement().offsetS()});
                kinds.add("lost");
            }
        }
        for (ScoredMovement d : dp) {
            if (tp.stream().noneMatch(t -> overlaps(d.movement(), t.movement()))) {
                diffs.add(new double[]{d.movement().onsetS(), d.movement().offsetS()});
                kinds.add("extra");
            }
        }
        System.out.printf(Locale.ROOT, "%s seed %d %.0f Hz %s: truth PLM %d, detected %d; %d lost, %d extra%n", f, spec.seed(),
                spec.rateHz(), spec.bilateral() ? "2 legs" : "1 leg", tp.size(), dp.size(),
                kinds.stream().filter("lost"::equals).count(), kinds.stream().filter("extra"::equals).count());
        System.out.println("  lost, why: " + whyLost(tp, dp, ds));
        // a lost movement no detection overlaps: what the detector judged there, if anything opened
        for (ScoredMovement t : tp) {
            if (ds.movements().stream().noneMatch(d -> overlaps(d.movement(), t.movement()))) {
                StringBuilder r = new StringBuilder();
                for (int i = 0; i < rejected.size(); i++) {
                    if (rejectedAt.get(i)[0] < t.movement().offsetS() && t.onsetS() < rejectedAt.get(i)[1]) {
                        r.append("; rejected ").append(rejected.get(i));
                    }
                }
                System.out.printf(Locale.ROOT, "  missed @%.2f (%.2f s, %.0f mg)%s%n", t.onsetS(),
                        t.movement().offsetS() - t.onsetS(), t.movement().peak() * 1000, r.length() == 0 ? ": nothing opened" : r);
            }
        }
        if (Boolean.getBoolean("rejections")) {
            // every rejection, by reason and by whether it overlaps a visible truth leg movement no detection overlaps
            for (int i = 0; i < rejected.size(); i++) {
                double[] r = rejectedAt.get(i);
                boolean onTruth = truth.stream().anyMatch(m -> m.onsetS() < r[1] && r[0] < m.offsetS());
                boolean onMissed = onTruth && truth.stream().anyMatch(m -> m.onsetS() < r[1] && r[0] < m.offsetS()
                        && det.stream().noneMatch(d -> overlaps(d, m)));
                System.out.println("  rej " + (onMissed ? "MISSED " : onTruth ? "TRUTH  " : "NOTRUTH") + " " + rejected.get(i)
                        + String.format(Locale.ROOT, " %.2f", r[1] - r[0]));
            }
        }
        String breaks = whyBroken(tp, dp, ts, ds);
        if (!breaks.isEmpty()) {
            System.out.println("  series broken by: " + breaks);
        }
        Integer[] order = new Integer[diffs.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Double.compare(diffs.get(a)[0], diffs.get(b)[0]));
        int k = 0;
        while (k < order.length) {
            double a = diffs.get(order[k])[0];
            double b = diffs.get(order[k])[1];
            StringBuilder what = new StringBuilder();
            while (k < order.length && diffs.get(order[k])[0] < b + 60) {
                b = Math.max(b, diffs.get(order[k])[1]);
                what.append(' ').append(kinds.get(order[k])).append(String.format(Locale.ROOT, "@%.1f", diffs.get(order[k])[0]));
                k++;
            }
            System.out.printf(Locale.ROOT, "  window %.1f-%.1f:%s%n", a - 30, b + 30, what);
            show("truth", ts, a - 30, b + 30);
            show("det  ", ds, a - 30, b + 30);
        }
    }

    /**
     * Each lost periodic truth movement by what the detections made of it: overlapped by none
     * ({@code missed}); inside a detection over 10 s, which is no candidate and breaks the series
     * ({@code inLong}); overlapped by a candidate that a short interval or a break next to it left out
     * of every series ({@code seriesBroken}); anything else ({@code other}).
     */
    static String whyLost(List<ScoredMovement> truthPeriodic, List<ScoredMovement> detPeriodic, ScoringResult det) {
        int missed = 0;
        int inLong = 0;
        int broken = 0;
        int other = 0;
        for (ScoredMovement t : truthPeriodic) {
            if (detPeriodic.stream().anyMatch(d -> overlaps(d.movement(), t.movement()))) {
                continue;
            }
            List<ScoredMovement> over = det.movements().stream().filter(d -> overlaps(d.movement(), t.movement())).toList();
            if (over.isEmpty()) {
                missed++;
            } else if (over.stream().anyMatch(d -> d.movement().offsetS() - d.movement().onsetS() > 10)) {
                inLong++;
            } else if (over.stream().anyMatch(ScoredMovement::candidate)) {
                broken++;
            } else {
                other++;
            }
        }
        return String.format(Locale.ROOT, "missed %d, inside a detection over 10 s %d, candidate left out of a series %d, other %d",
                missed, inLong, broken, other);
    }

    /** Causes of "candidate left out of a series" over all nights run so far (printed at the end). */
    private static final java.util.Map<String, Integer> BREAK_TALLY = new java.util.TreeMap<>();

    @org.junit.jupiter.api.AfterAll
    static void tally() {
        System.out.println("series broken, all nights: " + BREAK_TALLY);
    }

    /**
     * For each lost periodic truth movement that a detected candidate overlaps, why that candidate's
     * run of candidates (onset-to-onset intervals of 10-90 s, no non-candidate between) stayed under
     * four. The detected run is compared with the truth series of the lost movement: a break of the
     * detected run inside the truth series' span is the detector's ({@link #breakCause}); when both
     * detected breaks lie at or beyond the truth series' ends, the run was shortened from inside
     * (a member missed or joined without moving an interval past 90 s): "fewer than 4 left".
     */
    static String whyBroken(List<ScoredMovement> truthPeriodic, List<ScoredMovement> detPeriodic, ScoringResult truth,
            ScoringResult det) {
        List<ScoredMovement> du = units(det);
        List<ScoredMovement> tu = units(truth);
        StringBuilder out = new StringBuilder();
        for (ScoredMovement t : truthPeriodic) {
            if (detPeriodic.stream().anyMatch(d -> overlaps(d.movement(), t.movement()))) {
                continue;
            }
            int at = -1;
            for (int i = 0; i < du.size(); i++) {
                if (du.get(i).candidate() && overlaps(du.get(i).movement(), t.movement())) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                continue;
            }
            int a = at;
            while (a > 0 && linked(du.get(a - 1), du.get(a))) {
                a--;
            }
            int b = at;
            while (b + 1 < du.size() && linked(du.get(b), du.get(b + 1))) {
                b++;
            }
            List<ScoredMovement> series = truthPeriodic.stream().filter(x -> x.seriesId().equals(t.seriesId())).toList();
            double sA = series.get(0).onsetS();
            double sB = series.get(series.size() - 1).onsetS();
            List<String> causes = new ArrayList<>();
            if (sA < du.get(a).onsetS() - 0.5 && a > 0) {
                causes.add(breakCause(du.get(a - 1), du.get(a), det, truth, tu));
            }
            if (sB > du.get(b).onsetS() + 0.5 && b + 1 < du.size()) {
                causes.add(breakCause(du.get(b), du.get(b + 1), det, truth, tu));
            }
            String why = causes.isEmpty() ? "fewer than 4 left (" + (b - a + 1) + " detected in the run, truth series "
                    + series.size() + ")" : String.join(" + ", causes);
            String key = causes.isEmpty() ? "fewer than 4 left after a loss"
                    : String.join(" + ", causes.stream().map(c -> c.replaceAll(" \\(.*| [0-9.]+ s at.*", "")).toList());
            BREAK_TALLY.merge(key, 1, Integer::sum);
            out.append(String.format(Locale.ROOT, "%n    @%.1f: %s", t.onsetS(), why));
        }
        return out.toString();
    }

    /** Why two neighbouring detected units are not linked in a series, judged against the truth. */
    private static String breakCause(ScoredMovement p, ScoredMovement n, ScoringResult det, ScoringResult truth,
            List<ScoredMovement> tu) {
        ScoredMovement nc = !p.candidate() ? p : !n.candidate() ? n : null;
        if (nc != null) {
            if (nc.movement().leg() != Leg.BILATERAL) {
                return String.format(Locale.ROOT, "one-leg non-candidate %.1f s at %.1f", nc.movement().offsetS() - nc.onsetS(),
                        nc.onsetS());
            }
            // a bilateral movement over 15 s: either one leg's detection was already over 10 s, or
            // one-leg candidates chained into it through the overlap / 0.5-s rule
            List<ScoredMovement> members = det.movements().stream().filter(x -> x.merged()
                    && x.onsetS() >= nc.onsetS() && x.movement().offsetS() <= nc.movement().offsetS()).toList();
            double longest = members.stream().mapToDouble(x -> x.movement().offsetS() - x.onsetS()).max().orElse(Double.NaN);
            return String.format(Locale.ROOT, "bilateral non-candidate%s %.1f s at %.1f (%d members, longest %.1f s)",
                    longest > 10 ? " with one-leg over 10 s" : " chained", nc.movement().offsetS() - nc.onsetS(), nc.onsetS(),
                    members.size(), longest);
        }
        double imi = n.onsetS() - p.onsetS();
        if (imi > 90) {
            return String.format(Locale.ROOT, "missed movement (IMI %.1f s)", imi);
        }
        List<ScoredMovement> tp = tu.stream().filter(x -> overlaps(p.movement(), x.movement())).toList();
        List<ScoredMovement> tn = tu.stream().filter(x -> overlaps(n.movement(), x.movement())).toList();
        if (tp.isEmpty() || tn.isEmpty()) {
            return String.format(Locale.ROOT, "false movement (IMI %.1f s)", imi);
        }
        if (tp.stream().anyMatch(tn::contains)) {
            boolean bil = tp.stream().anyMatch(x -> x.movement().leg() == Leg.BILATERAL);
            return String.format(Locale.ROOT, "%s (IMI %.1f s)", bil ? "bilateral grouping" : "split", imi);
        }
        double timi = tn.get(0).onsetS() - tp.get(tp.size() - 1).onsetS();
        return String.format(Locale.ROOT, "onset shift (IMI %.1f s, truth %.1f s)", imi, timi);
    }

    /** The units series are built from: one-leg movements not merged, and bilateral movements, by onset. */
    private static List<ScoredMovement> units(ScoringResult r) {
        return r.movements().stream().filter(s -> !s.merged()).sorted((x, y) -> Double.compare(x.onsetS(), y.onsetS()))
                .toList();
    }

    private static boolean linked(ScoredMovement p, ScoredMovement n) {
        double imi = n.onsetS() - p.onsetS();
        return p.candidate() && n.candidate() && imi >= 10 && imi <= 90;
    }

    private static void show(String who, ScoringResult r, double a, double b) {
        double prev = Double.NaN;
        for (ScoredMovement s : r.movements()) {
            LegMovement m = s.movement();
            if (m.offsetS() < a || m.onsetS() > b) {
                continue;
            }
            String flags = (s.flags().contains(ScoredMovement.Flag.CANDIDATE) ? "C" : "-")
                    + (s.flags().contains(ScoredMovement.Flag.PERIODIC) ? "P" + s.seriesId() : "-")
                    + (s.flags().contains(ScoredMovement.Flag.MERGED) ? "M" : "");
            System.out.printf(Locale.ROOT, "    %s %-9s %8.2f-%8.2f (%5.2f s) %4.0f mg %-6s gap %s%n", who, m.leg(), m.onsetS(),
                    m.offsetS(), m.offsetS() - m.onsetS(), m.peak() * 1000, flags,
                    Double.isNaN(prev) ? "" : String.format(Locale.ROOT, "%.2f", m.onsetS() - prev));
            if (!s.flags().contains(ScoredMovement.Flag.MERGED)) {
                prev = m.offsetS();
            }
        }
    }

    private static List<ScoredMovement> periodic(ScoringResult r) {
        return r.movements().stream().filter(s -> s.flags().contains(ScoredMovement.Flag.PERIODIC)).toList();
    }

    private static boolean overlaps(LegMovement m, LegMovement e) {
        return m.onsetS() < e.offsetS() && e.onsetS() < m.offsetS();
    }
}
