package org.plmmonitor.analysis.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.pipeline.NightPipeline;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.sim.Evaluation;
import org.plmmonitor.analysis.sim.Family;
import org.plmmonitor.analysis.sim.NightScore;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.analysis.sim.TruthEvent;
import org.plmmonitor.analysis.time.TimeInterval;

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
 * {@code -Dwhat=long|merged|both|false|all} (both; {@code false}: detections and truth movements the
 * one-to-one matching of {@code Evaluation.matches} leaves unmatched; {@code all}: every kind), {@code -Dfirst=I} (the first night index, 0), {@code -Dcfg=} as in
 * {@link KinematicFamiliesBench}.
 */
@Tag("bench")
class LongCutDiagBench {
    private record Rejection(Leg leg, TimeInterval span, String reason) {
    }

    @Test
    void run() {
        // Maven's quiet logger leaves its colour resets (ESC[0m) on stdout without a line end, so the
        // first line printed here would start with them and `grep '^LONG CUT'` would miss it.
        System.out.println();
        int nights = Integer.getInteger("nights", 6);
        double hours = Double.parseDouble(System.getProperty("hours", "8"));
        String what = System.getProperty("what", "both");
        for (Family f : TuningFamilies.fromProperty(Family.KINEMATIC_SMALL)) {
            for (int i = Integer.getInteger("first", 0); i < nights; i++) {
                night(f, f.night(i, hours * 3600), what);
            }
        }
    }

    private void night(Family f, NightSpec spec, String what) {
        SyntheticNight night = SyntheticNight.generate(spec);
        List<LegMovement> det = new ArrayList<>();
        List<Rejection> rej = new ArrayList<>();
        NightScore.analyse(night, KinematicFamiliesBench.CONFIG, new NightPipeline.Listener() {
            @Override
            public void onMovement(LegMovement m) {
                det.add(m);
            }

            @Override
            public void onRejected(Leg leg, TimeInterval span, String reason) {
                rej.add(new Rejection(leg, span, reason));
            }
        });
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
            if (show.isEmpty()) {
                continue;
            }
            List<double[]> samples = samples(night.source(l));
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
                double[] rest = mean(samples, a + 1.5, a + 2.5);
                StringBuilder tr = new StringBuilder("   mg from rest at " + String.format(Locale.ROOT, "%.1f", a) + " every 0.2 s:");
                for (double t = a; t < b; t += 0.2) {
                    double[] m = mean(samples, t - 0.1, t + 0.1);
                    if (m != null && rest != null) {
                        tr.append(String.format(Locale.ROOT, " %.0f", 1000 * Math.sqrt(sq(m[0] - rest[0]) + sq(m[1] - rest[1]) + sq(m[2] - rest[2]))));
                    }
                }
                System.out.println(tr);
            }
        }
    }

    private static double sq(double v) {
        return v * v;
    }

    private static boolean overlaps(LegMovement m, TruthEvent e) {
        return m.onsetS() < e.offsetS() && e.onsetS() < m.offsetS();
    }

    private static List<double[]> samples(SampleSource s) {
        List<double[]> out = new ArrayList<>();
        double[] v = new double[4];
        while (s.next(v)) {
            out.add(v.clone());
        }
        return out;
    }

    private static double[] mean(List<double[]> s, double from, double to) {
        int lo = 0;
        int hi = s.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (s.get(mid)[0] < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        double[] m = new double[3];
        int n = 0;
        for (int i = lo; i < s.size() && s.get(i)[0] < to; i++, n++) {
            for (int j = 0; j < 3; j++) {
                m[j] += s.get(i)[j + 1];
            }
        }
        if (n == 0) {
            return null;
        }
        for (int j = 0; j < 3; j++) {
            m[j] /= n;
        }
        return m;
    }
}
