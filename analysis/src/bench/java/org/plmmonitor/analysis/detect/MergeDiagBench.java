package org.plmmonitor.analysis.detect;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.DetectionListener;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.signal.AccelerationGrid;
import org.plmmonitor.analysis.sim.Evaluation;
import org.plmmonitor.analysis.bench.NightDetections;
import org.plmmonitor.analysis.bench.RawSamples;
import org.plmmonitor.analysis.bench.TuningFamilies;
import org.plmmonitor.analysis.sim.Family;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.analysis.sim.TruthEvent;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Diagnostic for tuning only (it refuses a held-out family, docs/detector.md's rule): each detection of
 * at most 10 s that overlaps two or more truth movements of its leg (a merge), classified. For each
 * pair of neighbouring truth movements inside it: the true rest between them (s), the sizes, whether
 * the leg came back to where it lay before the first (raw 0.2-s means) or paused away, how much the
 * raw signal moved during the rest compared with the quiet before (ringing, tremor), distractors the
 * generator laid over the rest, the rate and LSB, whether each truth movement was matched by another
 * detection (a merge that loses nothing), and what {@link MotionGate} did in the rest: closed (the
 * merge then comes from the onset/offset placement), a long movement's 2-s stop, never back within its
 * band (held away or moving), back but for less than {@link MotionGate#BACK_S} (its longest run back).
 * The gate's state is read by reflection from a second run of the leg through a detector of its own
 * (the same input on the store's grid); nothing in production code serves this bench.
 *
 * <pre>mvn -B -o -q -Pbench -pl analysis test -Dtest=MergeDiagBench -Dfamilies=KINEMATIC_DENSE -Dnights=6 -Dhours=8</pre>
 * {@code -Dfirst=I} (first night index, 0), {@code -Dverbose=true} (a 0.2-s trace of each rest),
 * {@code -DmaxS=S} (longest detection looked at, s; 10 by default, as the candidates).
 */
@Tag("bench")
class MergeDiagBench {
    /** Longest detection looked at, s: candidates by default; {@code -DmaxS=1e9} takes long joined ones too. */
    private static final double CANDIDATE_MAX_S = Double.parseDouble(System.getProperty("maxS", "10"));
    private final Map<String, Integer> classes = new TreeMap<>();

    @Test
    void run() throws Exception {
        for (Family f : TuningFamilies.fromProperty(Family.KINEMATIC_DENSE)) {
            for (NightSpec spec : TuningFamilies.nights(f)) {
                night(f, spec);
            }
        }
        System.out.println("classes (one per neighbouring pair of truth movements in a merge):");
        classes.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-40s %d%n", k, v));
    }

    private record Probe(double t, boolean active, double onset, double[] rest0, double peakTilt, double backSince,
                         double stillSince, boolean holding, double heldFrom, double fx, double fy, double fz,
                         double env, double onE) {
    }

    private void night(Family f, NightSpec spec) throws Exception {
        SyntheticNight night = SyntheticNight.generate(spec);
        List<LegMovement> det = NightDetections.of(night, DetectorConfig.DEFAULT).movements();
        for (Leg l : night.legs()) {
            List<TruthEvent> truth = night.legMovements(l, true);
            List<LegMovement> d = det.stream().filter(m -> m.leg() == l).toList();
            List<Evaluation.Match> matched = Evaluation.matches(d, truth, l);
            List<LegMovement> merges = new ArrayList<>();
            for (LegMovement m : d) {
                if (m.offsetS() - m.onsetS() <= CANDIDATE_MAX_S && truth.stream().filter(e -> overlaps(m, e)).count() >= 2) {
                    merges.add(m);
                }
            }
            if (merges.isEmpty()) {
                continue;
            }
            List<double[]> samples = RawSamples.of(night.source(l));
            List<double[]> windows = new ArrayList<>();
            for (LegMovement m : merges) {
                windows.add(new double[]{m.onsetS() - 2, m.offsetS() + 2});
            }
            List<Probe> probes = probe(spec.rateHz(), samples, windows);
            for (LegMovement m : merges) {
                List<TruthEvent> in = truth.stream().filter(e -> overlaps(m, e)).toList();
                System.out.printf(Locale.ROOT, "MERGE %s seed %d %s %.0f Hz lsb %.1f mg: det %.2f-%.2f (%.2f s) peak %.0f mg%n",
                        f, spec.seed(), l, spec.rateHz(), spec.lsbG() * 1000, m.onsetS(), m.offsetS(),
                        m.offsetS() - m.onsetS(), m.peak() * 1000);
                for (TruthEvent e : in) {
                    boolean other = matched.stream().anyMatch(x -> x.truth() == e && x.detected() != m);
                    boolean self = matched.stream().anyMatch(x -> x.truth() == e && x.detected() == m);
                    System.out.printf(Locale.ROOT, "   truth %.2f-%.2f (%.2f s) peak %.0f mg %s%n", e.onsetS(), e.offsetS(),
                            e.offsetS() - e.onsetS(), e.peakG() * 1000, self ? "matched by it" : other ? "matched by another" : "LOST");
                }
                for (int k = 0; k + 1 < in.size(); k++) {
                    pair(night, f, spec, in.get(k), in.get(k + 1), samples, probes, m, matched);
                }
            }
        }
    }

    private void pair(SyntheticNight night, Family f, NightSpec spec, TruthEvent a, TruthEvent b, List<double[]> s,
                      List<Probe> probes, LegMovement m, List<Evaluation.Match> matched) {
        double gap = b.onsetS() - a.offsetS();
        double[] rest = RawSamples.mean(s, a.onsetS() - 1.0, a.onsetS() - 0.2);
        double[] restEnd = RawSamples.mean(s, b.offsetS() + 0.5, b.offsetS() + 1.0);
        // Where the leg lay in the true rest: its middle, away from the filters' edges.
        double g0 = a.offsetS() + 0.1 * Math.max(0, gap);
        double g1 = b.onsetS() - 0.1 * Math.max(0, gap);
        double[] mid = RawSamples.mean(s, g0, Math.max(g0 + 0.05, g1));
        double away = dist(mid, rest);
        double spreadRest = spread(s, a.onsetS() - 1.0, a.onsetS() - 0.2);
        double spreadGap = spread(s, g0, Math.max(g0 + 0.05, g1));
        StringBuilder distract = new StringBuilder();
        for (TruthEvent e : night.truth()) {
            if (!e.kind().isLegMovement() && e.offsetS() > a.offsetS() && e.onsetS() < b.onsetS()) {
                distract.append(' ').append(e.kind());
            }
        }
        // The gate in the rest (channel time: the filters lag the limb by about 0.1-0.2 s).
        double c0 = a.offsetS();
        double c1 = b.onsetS() + 0.2;
        boolean closed = false;
        double firstOnset = Double.NaN;
        double maxBack = 0;
        double maxStill = 0;
        boolean holding = false;
        double minBackRatio = Double.POSITIVE_INFINITY;
        double peakTilt = 0;
        double age = Double.NaN;
        double maxEnvRatio = 0;
        for (Probe p : probes) {
            if (p.t() < c0 || p.t() > c1) {
                continue;
            }
            if (!p.active() || !Double.isNaN(firstOnset) && p.onset() != firstOnset) {
                closed = true;
                continue;
            }
            if (Double.isNaN(firstOnset)) {
                firstOnset = p.onset();
                age = p.t() - p.onset();
            }
            peakTilt = p.peakTilt();
            double backG = Math.max(DetectorConfig.DEFAULT.tiltOnG(), MotionGate.BACK_FRACTION * p.peakTilt());
            double[] fv = {p.fx(), p.fy(), p.fz()};
            minBackRatio = Math.min(minBackRatio, dist(fv, p.rest0()) / backG);
            if (!Double.isNaN(p.backSince())) {
                maxBack = Math.max(maxBack, p.t() - p.backSince());
            }
            maxStill = Math.max(maxStill, p.t() - p.stillSince());
            holding |= p.holding();
            maxEnvRatio = Math.max(maxEnvRatio, p.env() / p.onE());
        }
        String stage;
        if (closed) {
            stage = "gate closed in the rest (placement)";
        } else if (age >= MotionGate.LONG_S) {
            stage = "long movement (2-s stop)";
        } else if (minBackRatio > 1) {
            stage = holding ? "never back, held away" : maxStill >= 0.25 ? "never back, still not away enough" : "never back, moving";
        } else if (maxBack < MotionGate.BACK_S) {
            stage = "back too short";
        } else {
            stage = "back long enough (?)";
        }
        double peakA = a.peakG();
        String where = away < Math.max(0.009, MotionGate.BACK_FRACTION * peakA) ? "back at rest"
                : away < 0.55 * peakA ? "near rest (settled)" : "paused away";
        boolean lost = matched.stream().noneMatch(x -> x.truth() == a) || matched.stream().noneMatch(x -> x.truth() == b);
        String cls = stage + " | " + where + (gap < 0.5 ? " | rest<0.5s" : "") + (lost ? "" : " | nothing lost");
        classes.merge(f.name().replace("KINEMATIC_", "") + ": " + cls, 1, Integer::sum);
        System.out.printf(Locale.ROOT,
                "   rest %.2f s (%.2f-%.2f), sizes %.0f/%.0f mg; leg %.1f mg from where it lay (%.2f of A), "
                        + "end %.1f mg; raw spread rest %.1f vs before %.1f mg;%s gate: %s, age %.2f s, peakTilt %.0f mg, "
                        + "min |fast-rest|/band %.2f, longest back %.2f s, longest still %.2f s, env/onset max %.2f%n",
                gap, a.offsetS(), b.onsetS(), a.peakG() * 1000, b.peakG() * 1000, away * 1000, away / peakA,
                dist(restEnd, rest) * 1000, spreadGap * 1000, spreadRest * 1000,
                distract.length() == 0 ? "" : " distractors" + distract + ";", stage, age, peakTilt * 1000,
                minBackRatio, maxBack, maxStill, maxEnvRatio);
        if (Boolean.getBoolean("verbose")) {
            StringBuilder tr = new StringBuilder("     raw mg from rest every 0.1 s from " + String.format(Locale.ROOT, "%.1f", a.onsetS()) + ":");
            for (double t = a.onsetS(); t < b.offsetS(); t += 0.1) {
                tr.append(String.format(Locale.ROOT, " %.0f", 1000 * dist(RawSamples.mean(s, t - 0.05, t + 0.05), rest)));
            }
            System.out.println(tr);
            StringBuilder gt = new StringBuilder("     gate |fast-rest|/band (b: back, *: out), env/onset, from " + String.format(Locale.ROOT, "%.2f", a.offsetS() - 0.4) + ":");
            double lastT = Double.NEGATIVE_INFINITY;
            for (Probe p : probes) {
                if (p.t() < a.offsetS() - 0.4 || p.t() > b.onsetS() + 0.5 || p.t() - lastT < 0.039) {
                    continue;
                }
                lastT = p.t();
                double backG = Math.max(DetectorConfig.DEFAULT.tiltOnG(), MotionGate.BACK_FRACTION * p.peakTilt());
                double[] fv = {p.fx(), p.fy(), p.fz()};
                gt.append(String.format(Locale.ROOT, " %.2f%s/%.1f", dist(fv, p.rest0()) / backG,
                        !p.active() ? "x" : Double.isNaN(p.backSince()) ? "*" : "b", p.env() / p.onE()));
            }
            System.out.println(gt);
        }
    }

    /** Runs the leg through a detector of its own and reads its gate's state in the windows (by reflection). */
    private static List<Probe> probe(double rateHz, List<double[]> s, List<double[]> windows) throws Exception {
        AccelerometerDetector det = new AccelerometerDetector(Leg.LEFT, rateHz, DetectorConfig.DEFAULT, new DetectionListener() {
            @Override
            public void onMovement(LegMovement movement) {
            }
        });
        Field gf = AccelerometerDetector.class.getDeclaredField("gate");
        gf.setAccessible(true);
        MotionGate gate = (MotionGate) gf.get(det);
        Field active = field("active");
        Field onset = field("onset");
        Field rest0 = field("rest0");
        Field peakTilt = field("peakTilt");
        Field backSince = field("backSince");
        Field stillSince = field("stillSince");
        Field holding = field("holding");
        Field held = field("held");
        Field heldFrom = held.getType().getDeclaredField("from");
        heldFrom.setAccessible(true);
        Field onE = field("onE");
        Biquad.ThreeAxes fast = Biquad.lowPass(Math.min(4, 0.4 * rateHz), rateHz).onThreeAxes();
        Biquad.ThreeAxes grav = Biquad.lowPass(Math.min(DetectorConfig.DEFAULT.gravityHz(), 0.4 * rateHz), rateHz).onThreeAxes();
        MovingAverage envelope = new MovingAverage(Math.max(1, (int) Math.round(DetectorConfig.DEFAULT.envelopeS() * rateHz)));
        List<Probe> out = new ArrayList<>();
        boolean first = true;
        for (double[] v : s) {
            double x = AccelerationGrid.onGrid(v[1]);
            double y = AccelerationGrid.onGrid(v[2]);
            double z = AccelerationGrid.onGrid(v[3]);
            det.accept(v[0], x, y, z);
            if (first) {
                fast.settle(x, y, z);
                grav.settle(x, y, z);
                first = false;
            }
            double fx = fast.x(x);
            double fy = fast.y(y);
            double fz = fast.z(z);
            double vx = fx - grav.x(x);
            double vy = fy - grav.y(y);
            double vz = fz - grav.z(z);
            double env = envelope.add(Math.sqrt(vx * vx + vy * vy + vz * vz));
            boolean in = false;
            for (double[] w : windows) {
                if (v[0] >= w[0] && v[0] <= w[1]) {
                    in = true;
                    break;
                }
            }
            if (in) {
                out.add(new Probe(v[0], active.getBoolean(gate), onset.getDouble(gate), ((double[]) rest0.get(gate)).clone(),
                        peakTilt.getDouble(gate), backSince.getDouble(gate), stillSince.getDouble(gate),
                        holding.getBoolean(gate), heldFrom.getDouble(held.get(gate)), fx, fy, fz, env, onE.getDouble(gate)));
            }
        }
        det.finish();
        return out;
    }

    private static Field field(String name) throws NoSuchFieldException {
        Field f = MotionGate.class.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    private static boolean overlaps(LegMovement m, TruthEvent e) {
        return m.onsetS() < e.offsetS() && e.onsetS() < m.offsetS();
    }

    private static double dist(double[] a, double[] b) {
        if (a == null || b == null) {
            return Double.NaN;
        }
        return Math.sqrt(sq(a[0] - b[0]) + sq(a[1] - b[1]) + sq(a[2] - b[2]));
    }

    private static double sq(double v) {
        return v * v;
    }

    /** RMS distance of the raw samples from their own mean over [from, to), g: sensor noise, ringing, tremor. */
    private static double spread(List<double[]> s, double from, double to) {
        double[] m = RawSamples.mean(s, from, to);
        if (m == null) {
            return Double.NaN;
        }
        double sum = 0;
        int n = 0;
        for (int i = RawSamples.index(s, from); i < s.size() && s.get(i)[0] < to; i++, n++) {
            sum += sq(s.get(i)[1] - m[0]) + sq(s.get(i)[2] - m[1]) + sq(s.get(i)[3] - m[2]);
        }
        return Math.sqrt(sum / n);
    }
}
