package org.plmmonitor.analysis.detect;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.DetectionListener;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.score.PlmScorer;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.score.ScoringContext;
import org.plmmonitor.analysis.score.ScoringResult;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.bench.TuningFamilies;
import org.plmmonitor.analysis.sim.Family;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.analysis.sim.TruthEvent;


import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Diagnostic for tuning only (refuses a held-out family, docs/detector.md's rule): which stage made
 * each detection over 10 s that holds two or more truth movements of candidate length (0.5-10 s).
 * For each rest between two such truth movements inside one long detection it says whether the gate
 * (MotionGate) stayed open through that rest, and in which state (the limb held still away from its
 * rest beyond the settle band; still but a long movement waiting for its longer stop; back in the band
 * around its rest for less than BACK_S; never still for the half second), or whether the gate closed
 * there and PauseJoin joined the two pieces (by which "may be continued" rule, and across which gap).
 *
 * <p>It drives each leg's {@link AccelerometerDetector} itself (not through the pipeline) and reads
 * the gate's private state by reflection after every sample, so the production classes carry no hook.
 *
 * <pre>mvn -B -o -q -Pbench -pl analysis test -Dtest=LongDetDiagBench -Dfamilies=KINEMATIC_DENSE -Dnights=6 -Dhours=8</pre>
 * {@code -Dverbose=true} prints each long detection, its truth movements, the gate's pieces in it and
 * each rest's cause; {@code -Dfp=true} prints each detection that matches no truth movement one to one
 * (a false detection or a split piece) with what lies around it. For a rest through which the gate held
 * the limb still away, the cause says whether and when the limb left a settled place and, in the
 * {@code RAMP_S} after, the largest cosine to "further out" and the largest growth of its departure
 * (both read on the gate's still anchor, so approximate). {@code -Dtrace=FROM,TO} (s) prints the gate's
 * state after every sample in that stretch, on every leg of every night run (use with one night).
 * Lives in the detector's package, outside the production sources, so that it can read the gate's
 * private fields by reflection; a field renamed there fails it loudly. With {@code -DtraceMore=true} the
 * trace adds a second line per sample: the held place's time, the last leaving of a settled place and its
 * judgement, the peak departure and the held place's departure (mg), the still time needed (s), the
 * envelope's onset threshold and its floor (mg): on a rough sensor it shows the noise giving up a held
 * place (docs: /work/notes/rough3.md).
 */
@Tag("bench")
class LongDetDiagBench {
    private static final double LONG_S = 10;
    /** Channel lag of the gate behind the limb's line (the envelope's and the 4-Hz filter's delays), s. */
    private static final double LAG_S = 0.15;

    private final Map<String, Integer> causes = new TreeMap<>();
    private final boolean verbose = Boolean.getBoolean("verbose");

    @Test
    void run() throws Exception {
        for (Family f : TuningFamilies.fromProperty(Family.KINEMATIC_DENSE)) {
            causes.clear();
            int[] tot = new int[3];
            for (NightSpec spec : TuningFamilies.nights(f)) {
                int[] c = night(f, spec);
                for (int k = 0; k < 3; k++) {
                    tot[k] += c[k];
                }
            }
            System.out.printf(Locale.ROOT, "%s TOTAL: long detections holding >= 2 truth movements %d (truth movements in them %d, "
                    + "of which PLM in the truth %d); rests by cause:%n", f, tot[0], tot[1], tot[2]);
            causes.forEach((k, v) -> System.out.printf(Locale.ROOT, "    %-70s %d%n", k, v));
        }
    }

    /** A closed gate span, on the limb's line, that was offered as a leg movement. */
    private record Piece(double on, double off, boolean endedAway, boolean passedRest, double peakTilt,
                         double[] rb, double[] ra) {
    }

    private int[] night(Family f, NightSpec spec) throws Exception {
        SyntheticNight night = SyntheticNight.generate(spec);
        List<LegMovement> truthAll = new ArrayList<>();
        for (Leg l : night.legs()) {
            for (TruthEvent e : night.legMovements(l, true)) {
                truthAll.add(new LegMovement(e.onsetS(), e.offsetS(), l, e.peakG(), Double.NaN));
            }
        }
        truthAll.sort((a, b) -> Double.compare(a.onsetS(), b.onsetS()));
        ScoringResult ts = PlmScorer.scoreAll(truthAll, ScoringStandard.WASM2016, ScoringContext.NONE);
        List<LegMovement> truthPlm = ts.movements().stream().filter(s -> s.flags().contains(ScoredMovement.Flag.PERIODIC))
                .map(ScoredMovement::movement).toList();
        int[] count = new int[3];
        for (Leg leg : night.legs()) {
            List<LegMovement> det = new ArrayList<>();
            List<Piece> pieces = new ArrayList<>();
            DetectorConfig cfg = DetectorConfig.DEFAULT;
            AccelerometerDetector d = new AccelerometerDetector(leg, spec.rateHz(), cfg, new DetectionListener() {
                @Override
                public void onMovement(LegMovement m) {
                    det.add(m);
                }
            });
            MotionGate gate = (MotionGate) get(d, "gate");
            double envDelay = (double) get(d, "envDelayS");
            MotionGate.Handler orig = (MotionGate.Handler) get(gate, "handler");
            set(gate, "handler", (MotionGate.Handler) s -> {
                int before = d.verdictCounts().getOrDefault(Verdict.LEG_MOVEMENT, 0);
                orig.span(s);
                if (d.verdictCounts().getOrDefault(Verdict.LEG_MOVEMENT, 0) > before) {
                    pieces.add(new Piece(s.onsetS() - envDelay, s.offsetS() - envDelay,
                            dist(s.restBefore(), s.restAfter()) > cfg.tiltOnG(), s.passedRest(), s.peakTiltG(),
                            s.restBefore(), s.restAfter()));
                }
            });
            Field fActive = field(MotionGate.class, "active");
            Field fOnset = field(MotionGate.class, "onset");
            Field fHolding = field(MotionGate.class, "holding");
            Field fStill = field(MotionGate.class, "stillSince");
            Field fBack = field(MotionGate.class, "backSince");
            double stillNeed = (double) get(gate, "stillNeedS");
            Field fLeft = field(MotionGate.class, "leftSettledS");
            Field fFirstHeld = field(MotionGate.class, "firstHeldS");
            Field fAnchor = field(MotionGate.class, "anchor");
            Field fJudged = field(MotionGate.class, "leaveJudged");
            Field fPending = field(MotionGate.class, "splitPending");
            Field fRest0 = field(MotionGate.class, "rest0");
            java.lang.reflect.Method mOut = MotionGate.class.getDeclaredMethod("outward", double.class, double.class, double.class);
            mOut.setAccessible(true);
            List<double[]> lefts = new ArrayList<>();
            double[] cur = null;
            double lastLeft = Double.NEGATIVE_INFINITY;
            // The gate's state after each sample while it is open: (t, code).
            double[] ts2 = new double[1 << 16];
            byte[] code = new byte[1 << 16];
            int n = 0;
            String[] tr = System.getProperty("trace", "0,-1").split(",");
            double trFrom = Double.parseDouble(tr[0]);
            double trTo = Double.parseDouble(tr[1]);
            SampleSource src = night.source(leg);
            double[] s = new double[4];
            while (src.next(s)) {
                DiagFeed.accept(d, s);
                if (s[0] >= trFrom && s[0] <= trTo) {
                    double[] an = (double[]) fAnchor.get(gate);
                    double[] r0 = (double[]) fRest0.get(gate);
                    System.out.printf(Locale.ROOT, "TR %.2f active %b onset %.2f still %.2f back %.2f hold %b anchor-rest0 %.1f mg raw %.3f %.3f %.3f%n",
                            s[0], fActive.getBoolean(gate), fOnset.getDouble(gate), fStill.getDouble(gate), fBack.getDouble(gate),
                            fHolding.getBoolean(gate), 1000 * dist(an, r0), s[1], s[2], s[3]);
                    if (Boolean.getBoolean("traceMore")) {
                        System.out.printf(Locale.ROOT, "   held %.2f left %.2f pending %b judged %b peakTilt %.1f mg heldDep %.1f mg stillNeed %.2f onE %.1f mg%n",
                                (double) get(gate, "held.from"), fLeft.getDouble(gate), fPending.getBoolean(gate), fJudged.getBoolean(gate),
                                1000 * (double) get(gate, "peakTilt"), 1000 * (double) get(gate, "held.dep"), stillNeed, 1000 * (double) get(gate, "onE"));
                        Object ef = get(gate, "envFloor");
                        java.lang.reflect.Method mv = ef.getClass().getDeclaredMethod("value");
                        mv.setAccessible(true);
                        System.out.printf(Locale.ROOT, "   envFloor %.2f mg lost %.2f lostDep %.1f mg lostStayed %b heldLain %.1f mg\n",
                                1000 * (double) mv.invoke(ef), (double) get(gate, "lost.from"), 1000 * (double) get(gate, "lost.dep"),
                                (boolean) get(gate, "lostStayed"), 1000 * (double) get(gate, "held.lainSum") / Math.max(1, (int) get(gate, "held.lainN")));
                    }
                }
                if (!fActive.getBoolean(gate)) {
                    continue;
                }
                double t = s[0];
                double left = fLeft.getDouble(gate);
                if (left != lastLeft && left > Double.NEGATIVE_INFINITY) {
                    lastLeft = left;
                    cur = new double[]{left, fFirstHeld.getDouble(gate) - fOnset.getDouble(gate), left - (double) get(gate, "leftSettled.from"),
                            -2, -1, 0, 0};
                    lefts.add(cur);
                }
                if (cur != null && t - cur[0] <= MotionGate.RAMP_S) {
                    double[] an = (double[]) fAnchor.get(gate);
                    cur[3] = Math.max(cur[3], (double) mOut.invoke(gate, an[0], an[1], an[2]));
                    cur[4] = Math.max(cur[4], MotionGate.across(an[0], an[1], an[2], (double[]) fRest0.get(gate)) - (double) get(gate, "leftSettled.dep"));
                    cur[5] = fJudged.getBoolean(gate) ? 1 : 0;
                    cur[6] = fPending.getBoolean(gate) ? 1 : 0;
                }
                byte c;
                double still = fStill.getDouble(gate);
                if (fHolding.getBoolean(gate)) {
                    c = 4;
                } else if (t - still >= stillNeed && still - fOnset.getDouble(gate) >= MotionGate.LONG_S) {
                    c = 3;
                } else if (!Double.isNaN(fBack.getDouble(gate))) {
                    c = 2;
                } else {
                    c = 1;
                }
                if (n == ts2.length) {
                    ts2 = Arrays.copyOf(ts2, 2 * n);
                    code = Arrays.copyOf(code, 2 * n);
                }
                ts2[n] = t;
                code[n] = c;
                n++;
            }
            d.finish();
            if (Boolean.getBoolean("fp")) {
                for (LegMovement m : det) {
                    if (truthAll.stream().filter(t -> t.leg() == leg && t.onsetS() < m.offsetS() && m.onsetS() < t.offsetS())
                            .noneMatch(t -> det.stream().filter(o -> o.onsetS() < t.offsetS() && t.onsetS() < o.offsetS()).count() == 1)) {
                        System.out.printf(Locale.ROOT, "  FP %s seed %d %s %.2f-%.2f %.0f mg%n", f, spec.seed(), leg,
                                m.onsetS(), m.offsetS(), m.peak() * 1000);
                        truthAll.stream().filter(t -> t.leg() == leg && t.offsetS() > m.onsetS() - 15 && t.onsetS() < m.offsetS() + 15)
                                .forEach(t -> System.out.printf(Locale.ROOT, "      truth %.2f-%.2f %.0f mg%n", t.onsetS(), t.offsetS(), t.peak() * 1000));
                        det.stream().filter(t -> t.offsetS() > m.onsetS() - 15 && t.onsetS() < m.offsetS() + 15)
                                .forEach(t -> System.out.printf(Locale.ROOT, "      det   %.2f-%.2f %.0f mg%n", t.onsetS(), t.offsetS(), t.peak() * 1000));
                    }
                }
            }
            List<LegMovement> truth = truthAll.stream().filter(m -> m.leg() == leg
                    && m.offsetS() - m.onsetS() <= LONG_S && m.offsetS() - m.onsetS() >= 0.5).toList();
            for (LegMovement m : det) {
                if (m.offsetS() - m.onsetS() <= LONG_S) {
                    continue;
                }
                List<LegMovement> in = truth.stream().filter(t -> t.onsetS() < m.offsetS() && m.onsetS() < t.offsetS()).toList();
                if (in.size() < 2) {
                    continue;
                }
                count[0]++;
                count[1] += in.size();
                count[2] += (int) in.stream().filter(t -> truthPlm.stream().anyMatch(p -> p.leg() == t.leg()
                        && p.onsetS() == t.onsetS())).count();
                List<Piece> mine = pieces.stream().filter(p -> p.on < m.offsetS() + 1 && p.off > m.onsetS() - 1).toList();
                if (verbose) {
                    System.out.printf(Locale.ROOT, "%s seed %d %s det %.2f-%.2f (%.1f s), %d truth, %d pieces%n", f, spec.seed(), leg,
                            m.onsetS(), m.offsetS(), m.offsetS() - m.onsetS(), in.size(), mine.size());
                    for (LegMovement t : in) {
                        System.out.printf(Locale.ROOT, "      truth %.2f-%.2f %.0f mg%n", t.onsetS(), t.offsetS(), t.peak() * 1000);
                    }
                    for (Piece p : mine) {
                        System.out.printf(Locale.ROOT, "      piece %.2f-%.2f tilt %.0f mg away %b passed %b moved %.1f mg%n",
                                p.on, p.off, p.peakTilt * 1000, p.endedAway, p.passedRest, 1000 * dist(p.rb, p.ra));
                    }
                }
                for (int k = 0; k + 1 < in.size(); k++) {
                    LegMovement a = in.get(k);
                    LegMovement b = in.get(k + 1);
                    String cause = cause(a, b, mine, ts2, code, n, cfg);
                    if (cause.contains("held still")) {
                        double[] ev = null;
                        for (double[] e : lefts) {
                            if (e[0] > a.offsetS() && e[0] < b.onsetS() + 1.5) {
                                ev = e;
                            }
                        }
                        cause = cause + (ev == null ? " | never left a settled place (held <1.5 s or long)"
                                : ev[1] >= MotionGate.LONG_S ? " | first held late (long)"
                                : String.format(Locale.ROOT, " | left %.1f s after b's onset after %.1f s held; in RAMP_S max cos %.1f, max dep gain %.1f mg; %s", ev[0] - b.onsetS(), ev[2], ev[3], 1000 * ev[4],
                                ev[5] == 0 ? "no ramp" : ev[6] == 0 ? "judged a return" : "pending, not back at the place"));
                    }
                    causes.merge(cause, 1, Integer::sum);
                    if (verbose) {
                        System.out.printf(Locale.ROOT, "      rest %.2f-%.2f (%.2f s): %s%n", a.offsetS(), b.onsetS(),
                                b.onsetS() - a.offsetS(), cause);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s seed %d: long detections holding >= 2 truth movements %d (truth %d, PLM %d)%n",
                f, spec.seed(), count[0], count[1], count[2]);
        return count;
    }

    /** Why the rest between truth movements a and b did not end a detection. */
    private static String cause(LegMovement a, LegMovement b, List<Piece> pieces, double[] t, byte[] code, int n,
                                DetectorConfig cfg) {
        Piece pa = null;
        Piece pb = null;
        for (Piece p : pieces) {
            if (p.on <= a.offsetS() && (pa == null || p.on > pa.on)) {
                pa = p;
            }
        }
        for (Piece p : pieces) {
            if (p.off >= b.onsetS() && (pb == null || p.off < pb.off)) {
                pb = p;
            }
        }
        String rest = bucket(b.onsetS() - a.offsetS());
        if (pa != null && pb != null && pa != pb) {
            double gap = pb.on - pa.off;
            String why = pa.passedRest ? "passed rest" : pa.endedAway ? "stopped away" : "away from chain rest/paused";
            String g = gap < PauseJoin.JOIN_S ? "gap<2.5" : gap < PauseJoin.CONTINUE_S ? "gap 2.5-4" : "gap 4-8 (small)";
            return "PauseJoin: " + why + ", " + g;
        }
        // One gate span over the rest: its state through the rest (on the channels' line).
        double from = a.offsetS() + LAG_S;
        double to = b.onsetS() + LAG_S;
        int lo = Arrays.binarySearch(t, 0, n, from);
        lo = lo < 0 ? -lo - 1 : lo;
        boolean[] seen = new boolean[5];
        for (int i = lo; i < n && t[i] <= to; i++) {
            seen[code[i]] = true;
        }
        String g;
        if (seen[4]) {
            g = "gate: held still away (beyond settle band), waiting hold";
        } else if (seen[3]) {
            g = "gate: long movement waiting LONG_STOP_S";
        } else if (seen[2]) {
            g = "gate: back in band < BACK_S";
        } else {
            g = "gate: never still for the half second";
        }
        return g + ", rest " + rest;
    }

    private static String bucket(double s) {
        return s < 0.5 ? "<0.5" : s < 1 ? "0.5-1" : s < 2 ? "1-2" : s < 5 ? "2-5" : ">=5";
    }

    private static double dist(double[] a, double[] b) {
        double x = a[0] - b[0];
        double y = a[1] - b[1];
        double z = a[2] - b[2];
        return Math.sqrt(x * x + y * y + z * z);
    }

    private static Field field(Class<?> c, String name) throws Exception {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    /** @param name a field, or a path of fields through the gate's value objects ({@code held.from}) */
    private static Object get(Object o, String name) throws Exception {
        Object v = o;
        for (String part : name.split("\\.")) {
            v = field(v.getClass(), part).get(v);
        }
        return v;
    }

    private static void set(Object o, String name, Object v) throws Exception {
        field(o.getClass(), name).set(o, v);
    }
}
