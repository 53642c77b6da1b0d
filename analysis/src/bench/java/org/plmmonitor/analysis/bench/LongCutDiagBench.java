package org.plmmonitor.analysis.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.bench.NightDetections.Rejection;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.sim.Evaluation;
import org.plmmonitor.analysis.sim.Family;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.analysis.sim.TruthEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Diagnostic for tuning only: on the {@link Family.Split#TUNING} families (it refuses a held-out one,
 * docs/detector.md's rule), prints each long truth movement cut into candidate-length detections and
 * each detection that overlaps two truth movements (a merged pair), and on request each false and each
 * missed movement, with the truth, the detections and
 * the rejections around it and the raw orientation's distance from where it rested before (a 0.2-s
 * mean every 0.2 s, mg).
 *
 * <pre>mvn -B -o -q -Pbench -pl analysis test -Dtest=LongCutDiagBench -Dfamilies=KINEMATIC_SMALL -Dnights=6 -Dhours=8</pre>
 * {@code -Dwhat=long|merged|both|false|all|stills} (both; {@code stills}: every long truth movement with its longest still time inside and whether it was cut; {@code rests}: per leg, how many truth movements the next follows within 0.5 s; {@code split}: each truth movement of at most 10 s overlapped by two or more detections; {@code false}: detections and truth movements the
 * one-to-one matching of {@code Evaluation.matches} leaves unmatched; {@code all}: every kind), {@code -Dfirst=I} (the first night index, 0), {@code -Dcfg=} as in
 * {@link KinematicFamiliesBench}.
 */
@Tag("bench")
class LongCutDiagBench {

    @Test
    void run() {
        // Maven's quiet logger leaves its colour resets (ESC[0m) on stdout without a line end, so the
        // first line printed here would start with them and `grep '^LONG CUT'` would miss it.
        System.out.println();
        String what = System.getProperty("what", "both");
        for (Family f : TuningFamilies.fromProperty(Family.KINEMATIC_SMALL)) {
            for (NightSpec spec : TuningFamilies.nights(f)) {
                night(f, spec, what);
            }
        }
    }

    private void night(Family f, NightSpec spec, String what) {
        SyntheticNight night = SyntheticNight.generate(spec);
        NightDetections found = NightDetections.of(night, KinematicFamiliesBench.CONFIG);
        List<LegMovement> det = found.movements();
        List<Rejection> rej = found.rejections();
        for (Leg l : night.legs()) {
            List<TruthEvent> truth = night.legMovements(l, true);
            List<LegMovement> d = det.stream().filter(m -> m.leg() == l).toList();
            List<double[]> show = new ArrayList<>();
            List<String> why = new ArrayList<>();
            if (what.equals("long") || what.equals("both") || what.equals("all")) {
                for (TruthEvent e : truth) {
                    if (e.offsetS() - e.onsetS() > 10 && d.stream().anyMatch(m -> overlaps(m, e) && m.offsetS() - m.onsetS() <= 10)) {
                        show.add(new double[]{e.onsetS(), e.offsetS()});
                        why.add("LONG CUT");
                    }
                }
            }
            if (what.equals("merged") || what.equals("both") || what.equals("all")) {
                for (LegMovement m : d) {
                    if (truth.stream().filter(e -> overlaps(m, e)).count() >= 2) {
                        show.add(new double[]{m.onsetS(), m.offsetS()});
                        why.add("MERGED");
                    }
                }
            }
            if (what.equals("rests")) {
                // Truth movements of one leg closer than WASM's half second at rest (offset to next onset).
                int under02 = 0;
                int under05 = 0;
                for (int i = 0; i + 1 < truth.size(); i++) {
                    double rest = truth.get(i + 1).onsetS() - truth.get(i).offsetS();
                    under02 += rest < 0.2 ? 1 : 0;
                    under05 += rest < 0.5 ? 1 : 0;
                }
                System.out.printf(Locale.ROOT, "RESTS %s seed %d %s: %d movements, %d followed within 0.5 s (%d within 0.2 s)%n",
                        f, spec.seed(), l, truth.size(), under05, under02);
            }
            if (what.equals("split") || what.equals("all")) {
                for (TruthEvent e : truth) {
                    if (e.offsetS() - e.onsetS() <= 10 && d.stream().filter(m -> overlaps(m, e)).count() >= 2) {
                        show.add(new double[]{e.onsetS(), e.offsetS()});
                        why.add("SPLIT");
                    }
                }
            }
            if (what.equals("false") || what.equals("all")) {
                List<Evaluation.Match> matched = Evaluation.matches(d, truth, l);
                for (LegMovement m : d) {
                    if (matched.stream().noneMatch(x -> x.detected() == m)) {
                        show.add(new double[]{m.onsetS(), m.offsetS()});
                        why.add("FALSE");
                    }
                }
                for (TruthEvent e : truth) {
                    if (matched.stream().noneMatch(x -> x.truth() == e)) {
                        show.add(new double[]{e.onsetS(), e.offsetS()});
                        why.add("MISSED");
                    }
                }
            }
            List<double[]> samples = show.isEmpty() && !what.equals("stills") ? null : RawSamples.of(night.source(l));
            if (what.equals("stills")) {
                // Every long truth movement, cut or not: its longest still time inside, to see whether
                // the gate's long-stop time decides which are cut.
                for (TruthEvent e : truth) {
                    if (e.offsetS() - e.onsetS() > 10) {
                        boolean cut = d.stream().anyMatch(m -> overlaps(m, e) && m.offsetS() - m.onsetS() <= 10);
                        double[] mo = motion(samples, e.onsetS() + 0.5, e.offsetS() - 0.5);
                        System.out.printf(Locale.ROOT, "LONG ALL %s seed %d %s %.2f (%.1f s) peak %.0f mg cut %b longest still %.1f s%n",
                                f, spec.seed(), l, e.onsetS(), e.offsetS() - e.onsetS(), e.peakG() * 1000, cut, mo[3]);
                    }
                }
            }
            if (show.isEmpty()) {
                continue;
            }
            for (int k = 0; k < show.size(); k++) {
                double a = show.get(k)[0] - 3;
                double b = show.get(k)[1] + 3;
                System.out.printf(Locale.ROOT, "%s %s seed %d %s %.0f Hz lsb %.4f: %.2f-%.2f%n", why.get(k), f, spec.seed(), l,
                        spec.rateHz(), spec.lsbG(), show.get(k)[0], show.get(k)[1]);
                for (TruthEvent e : truth) {
                    if (e.offsetS() > a && e.onsetS() < b) {
                        System.out.printf(Locale.ROOT, "   truth %.2f-%.2f (%.2f s) peak %.0f mg%n", e.onsetS(), e.offsetS(),
                                e.offsetS() - e.onsetS(), e.peakG() * 1000);
                    }
                }
                for (LegMovement m : d) {
                    if (m.offsetS() > a && m.onsetS() < b) {
                        System.out.printf(Locale.ROOT, "   det   %.2f-%.2f (%.2f s) peak %.0f mg%n", m.onsetS(), m.offsetS(),
                                m.offsetS() - m.onsetS(), m.peak() * 1000);
                    }
                }
                for (Rejection r : rej) {
                    if (r.leg() == l && r.span().endS() > a && r.span().startS() < b) {
                        System.out.printf(Locale.ROOT, "   rej   %.2f-%.2f %s%n", r.span().startS(), r.span().endS(), r.reason());
                    }
                }
                double[] rest = RawSamples.mean(samples, a + 1.5, a + 2.5);
                StringBuilder tr = new StringBuilder("   mg from rest at " + String.format(Locale.ROOT, "%.1f", a) + " every 0.2 s:");
                for (double t = a; t < b; t += 0.2) {
                    double[] m = RawSamples.mean(samples, t - 0.1, t + 0.1);
                    if (m != null && rest != null) {
                        tr.append(String.format(Locale.ROOT, " %.0f", 1000 * Math.sqrt(sq(m[0] - rest[0]) + sq(m[1] - rest[1]) + sq(m[2] - rest[2]))));
                    }
                }
                System.out.println(tr);
                if (why.get(k).equals("LONG CUT")) {
                    uncovered(samples, show.get(k)[0], show.get(k)[1], d, rej, l);
                }
            }
        }
    }

    /** Still: the 0.2-s means stay within this of one place, g (MotionGate's STILL_G). */
    private static final double STILL_G = 0.004;

    /**
     * Prints each stretch of a cut truth movement that no detection covers (at its head, in a gap
     * between fragments, at its tail): how long, how far the leg moves in it from where it was at the
     * stretch's start (3-D, mg), how fast (mg/s over 0.5 s, median and max), the longest time it stays
     * within {@link #STILL_G} of one place, and the rejections in it; and the rest's sway before the
     * onset (largest spread of the 0.2-s means over 2.5 s), to compare the sizes with.
     */
    private static void uncovered(List<double[]> samples, double on, double off, List<LegMovement> d, List<Rejection> rej, Leg l) {
        double[] sway = spread(samples, on - 3, on - 0.5);
        double[] rest = motion(samples, on - 6, on - 0.5);
        System.out.printf(Locale.ROOT, "   rest before onset: sway %.1f mg over 2.5 s; over 5.5 s speed median %.1f max %.1f mg/s, longest still %.1f s%n",
                sway[0] * 1000, rest[1] * 1000, rest[2] * 1000, rest[3]);
        List<double[]> cover = new ArrayList<>();
        for (LegMovement m : d) {
            if (m.offsetS() > on && m.onsetS() < off) {
                cover.add(new double[]{Math.max(on, m.onsetS()), Math.min(off, m.offsetS())});
            }
        }
        cover.sort((x, y) -> Double.compare(x[0], y[0]));
        double at = on;
        List<double[]> gaps = new ArrayList<>();
        for (double[] c : cover) {
            if (c[0] - at >= 0.3) {
                gaps.add(new double[]{at, c[0]});
            }
            at = Math.max(at, c[1]);
        }
        if (off - at >= 0.3) {
            gaps.add(new double[]{at, off});
        }
        for (double[] g : gaps) {
            String where = g[0] == on ? "head" : g[1] == off ? "tail" : "gap";
            double[] mo = motion(samples, g[0], g[1]);
            StringBuilder r = new StringBuilder();
            for (Rejection x : rej) {
                if (x.leg() == l && x.span().endS() > g[0] && x.span().startS() < g[1]) {
                    r.append(' ').append(x.reason());
                }
            }
            System.out.printf(Locale.ROOT, "   uncovered %s %.2f-%.2f (%.2f s): moves %.1f mg from its start (net %.1f), speed median %.1f max %.1f mg/s, longest still %.1f s%s%n",
                    where, g[0], g[1], g[1] - g[0], mo[0] * 1000, mo[4] * 1000, mo[1] * 1000, mo[2] * 1000,
                    mo[3], r.length() == 0 ? "" : ", rejected:" + r);
        }
    }

    /**
     * @return over [from, to], from 0.2-s means every 0.1 s: {largest distance from the first, g;
     *         median and largest speed over 0.5 s, g/s; longest time within {@link #STILL_G} of one
     *         place, s; distance of the last from the first, g}
     */
    private static double[] motion(List<double[]> samples, double from, double to) {
        List<double[]> ms = new ArrayList<>();
        for (double t = from; t <= to + 1e-9; t += 0.1) {
            ms.add(RawSamples.mean(samples, t - 0.1, t + 0.1));
        }
        double far = 0;
        for (double[] m : ms) {
            far = Math.max(far, dist(m, ms.get(0)));
        }
        List<Double> sp = new ArrayList<>();
        for (int i = 0; i + 5 < ms.size(); i++) {
            sp.add(dist(ms.get(i + 5), ms.get(i)) / 0.5);
        }
        sp.sort(Double::compare);
        double still = 0;
        for (int i = 0; i < ms.size(); i++) {
            int j = i;
            while (j + 1 < ms.size() && dist(ms.get(j + 1), ms.get(i)) <= STILL_G) {
                j++;
            }
            still = Math.max(still, (j - i) * 0.1);
        }
        return new double[]{far, sp.isEmpty() ? Double.NaN : sp.get(sp.size() / 2),
                sp.isEmpty() ? Double.NaN : sp.get(sp.size() - 1), still, dist(ms.get(ms.size() - 1), ms.get(0))};
    }

    /** @return {largest distance between two 0.2-s means over [from, to], g} */
    private static double[] spread(List<double[]> samples, double from, double to) {
        List<double[]> ms = new ArrayList<>();
        for (double t = from; t <= to; t += 0.2) {
            ms.add(RawSamples.mean(samples, t - 0.1, t + 0.1));
        }
        double s = 0;
        for (double[] a : ms) {
            for (double[] b : ms) {
                s = Math.max(s, dist(a, b));
            }
        }
        return new double[]{s};
    }

    private static double dist(double[] a, double[] b) {
        return Math.sqrt(sq(a[0] - b[0]) + sq(a[1] - b[1]) + sq(a[2] - b[2]));
    }

    private static double sq(double v) {
        return v * v;
    }

    private static boolean overlaps(LegMovement m, TruthEvent e) {
        return m.onsetS() < e.offsetS() && e.onsetS() < m.offsetS();
    }
}
