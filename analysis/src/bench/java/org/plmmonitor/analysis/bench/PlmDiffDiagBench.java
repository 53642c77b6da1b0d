package org.plmmonitor.analysis.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.pipeline.NightPipeline;
import org.plmmonitor.analysis.score.PlmScorer;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.score.ScoringContext;
import org.plmmonitor.analysis.score.ScoringResult;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.sim.Family;
import org.plmmonitor.analysis.sim.NightScore;
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
 * Each night's line is followed by why its lost periodic movements were lost ({@link #whyLost}).
 *
 * <pre>mvn -B -o -q -Pbench -pl analysis test -Dtest=PlmDiffDiagBench -Dfamilies=KINEMATIC_PAIRS -Dnights=6 -Dhours=8</pre>
 * {@code -Dfirst=I} (first night index, 0), {@code -Dcfg=} as in {@link KinematicFamiliesBench}.
 */
@Tag("bench")
class PlmDiffDiagBench {
    @Test
    void run() {
        int nights = Integer.getInteger("nights", 6);
        double hours = Double.parseDouble(System.getProperty("hours", "8"));
        for (Family f : TuningFamilies.fromProperty(Family.KINEMATIC_PAIRS)) {
            for (int i = Integer.getInteger("first", 0); i < nights; i++) {
                night(f, f.night(i, hours * 3600));
            }
        }
    }

    private void night(Family f, NightSpec spec) {
        SyntheticNight night = SyntheticNight.generate(spec);
        List<LegMovement> det = new ArrayList<>();
        NightScore.analyse(night, KinematicFamiliesBench.CONFIG, new NightPipeline.Listener() {
            @Override
            public void onMovement(LegMovement m) {
                det.add(m);
            }
        });
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
