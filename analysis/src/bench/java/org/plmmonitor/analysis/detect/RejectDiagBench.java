package org.plmmonitor.analysis.detect;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.bench.TuningFamilies;
import org.plmmonitor.analysis.movement.DetectionListener;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.sim.Family;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.analysis.sim.TruthEvent;
import org.plmmonitor.analysis.time.TimeInterval;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Diagnostic for tuning only (refuses a held-out family): the features behind each rejection verdict
 * (VIBRATION, GROSS_MOVEMENT, POSTURE_CHANGE, RHYTHMIC; TOO_SHORT / TOO_SMALL with -Dall=true): length,
 * envelope and tilt peak, angle between the rests before and after (the posture test), the spectrum
 * (dominant Hz, share above 3.5 Hz, concentration, flatness) and the 0.5-s-mean tilt excursion (the
 * vibration test), the gate's own span (less the envelope's delay) with the tilt-placed onset and offset
 * (NaN where the orientation did not place one), and every truth event of any kind overlapping it (or within 2 s). Each rejection is
 * labelled LM (overlaps a visible truth leg movement) or -- (none).
 *
 * <pre>mvn -B -o -q -Pbench -pl analysis test -Dtest=RejectDiagBench -Dfamilies=KINEMATIC_ROUGH -Dnights=6 -Dhours=8</pre>
 * {@code -Dverdicts=VIBRATION,GROSS_MOVEMENT} picks verdicts (default: all but TOO_SHORT / TOO_SMALL);
 * {@code -Dwindow=FROM,TO} prints every truth event in that stretch too (use with -Dfirst / -Dnights for one night).
 * Each rejection also gets a FEAT line (ringdown round: the angle between where the limb lay before and
 * after the burst, and the same between the two halves of the before window as its noise; the largest
 * excursion of means over whole periods of the dominant frequency and of 1-s means; where the
 * band-passed envelope peaks in the burst, the energy share before that peak, and the envelope 0.3 s
 * after the peak over the peak, a ring-down's decay) and a FEAT2 line (0.5-s means stepped every 0.05 s;
 * the raw vector low-passed at 1 Hz, peak angle to the before mean and to the gate's rest). Every
 * detection on no truth leg movement is listed (DETNT, with the truth within 3 s); {@code -DallDet=true}
 * lists every detection.
 * Drives each leg's detector itself and reads its private judgement helpers by reflection after each
 * rejection (the ring still holds the burst then), so the production classes carry no hook.
 */
@Tag("bench")
class RejectDiagBench {
    private static final double NEAR_S = 2.0;

    @Test
    void run() throws Exception {
        Set<String> verdicts = Set.of(System.getProperty("verdicts", "VIBRATION,GROSS_MOVEMENT,POSTURE_CHANGE,RHYTHMIC").split(","));
        for (Family f : TuningFamilies.fromProperty(Family.KINEMATIC_ROUGH)) {
            for (NightSpec spec : TuningFamilies.nights(f)) {
                night(f, spec, verdicts);
            }
        }
    }

    private void night(Family f, NightSpec spec, Set<String> verdicts) throws Exception {
        SyntheticNight night = SyntheticNight.generate(spec);
        List<TruthEvent> truth = night.truth();
        String[] w = System.getProperty("window", "0,-1").split(",");
        double wFrom = Double.parseDouble(w[0]);
        double wTo = Double.parseDouble(w[1]);
        for (TruthEvent e : truth) {
            if (e.offsetS() > wFrom && e.onsetS() < wTo) {
                System.out.printf(Locale.ROOT, "WIN seed %d %s %s %.2f-%.2f (%.2f s) %.0f mg vis %b%n", spec.seed(), e.leg(), e.kind(),
                        e.onsetS(), e.offsetS(), e.offsetS() - e.onsetS(), e.peakG() * 1000, e.visible());
            }
        }
        for (Leg leg : night.legs()) {
            List<Object[]> rejected = new ArrayList<>();
            List<LegMovement> det = new ArrayList<>();
            AccelerometerDetector d = new AccelerometerDetector(leg, spec.rateHz(), DetectorConfig.DEFAULT, new DetectionListener() {
                @Override
                public void onMovement(LegMovement m) {
                    det.add(m);
                }

                @Override
                public void onRejected(Leg l, TimeInterval span, String reason) {
                    rejected.add(new Object[]{span, reason});
                    if (span.endS() > wFrom && span.startS() < wTo) {
                        System.out.printf(Locale.ROOT, "WINREJ %s %.2f-%.2f %s%n", l, span.startS(), span.endS(), reason);
                    }
                }
            });
            MotionGate gate = (MotionGate) get(d, "gate");
            MotionGate.Handler orig = (MotionGate.Handler) get(gate, "handler");
            Method spectrum = AccelerometerDetector.class.getDeclaredMethod("spectrum", double.class, double.class);
            spectrum.setAccessible(true);
            Method meanRaw = AccelerometerDetector.class.getDeclaredMethod("meanRaw", double.class, double.class);
            meanRaw.setAccessible(true);
            Method exc = AccelerometerDetector.class.getDeclaredMethod("maxExcursionDeg", double[].class, double.class, double.class);
            exc.setAccessible(true);
            Method angle = AccelerometerDetector.class.getDeclaredMethod("angleDeg", double[].class, double[].class);
            angle.setAccessible(true);
            Method tOn = AccelerometerDetector.class.getDeclaredMethod("tiltOnset", MotionGate.Span.class);
            tOn.setAccessible(true);
            Method tOff = AccelerometerDetector.class.getDeclaredMethod("tiltOffset", MotionGate.Span.class);
            tOff.setAccessible(true);
            double envDelay = (double) get(d, "envDelayS");
            Method band = AccelerometerDetector.class.getDeclaredMethod("bandPass", long.class, int.class);
            band.setAccessible(true);
            Method idx = AccelerometerDetector.class.getDeclaredMethod("indexAtOrAfter", double.class);
            idx.setAccessible(true);
            float[][] scr = (float[][]) get(d, "scratch");
            float[][] raw = (float[][]) get(d, "ringRaw");
            double[] rt = (double[]) get(d, "ringT");
            set(gate, "handler", (MotionGate.Handler) s -> {
                int before = rejected.size();
                orig.span(s);
                if (rejected.size() == before) {
                    return;
                }
                try {
                    Object[] r = rejected.get(rejected.size() - 1);
                    TimeInterval iv = (TimeInterval) r[0];
                    String v = (String) r[1];
                    if (!verdicts.contains(v) && !(iv.endS() > wFrom && iv.startS() < wTo)) {
                        return;
                    }
                    double on = iv.startS();
                    double off = iv.endS();
                    SpectralFeatures sf = (SpectralFeatures) spectrum.invoke(d, on, off);
                    double[] b = (double[]) meanRaw.invoke(d, on - 1.0, on - 0.2);
                    double ex = b == null ? Double.NaN : (double) exc.invoke(d, b, on, off);
                    double post = (double) angle.invoke(null, s.restBefore(), s.restAfter());
                    List<TruthEvent> near = truth.stream().filter(e -> (e.leg() == leg || e.leg() == null)
                            && e.offsetS() > on - NEAR_S && e.onsetS() < off + NEAR_S).toList();
                    boolean lm = near.stream().anyMatch(e -> e.kind().isLegMovement() && e.visible()
                            && e.offsetS() > on && e.onsetS() < off);
                    System.out.printf(Locale.ROOT, "REJ %s %d %s %s %s %.2f-%.2f %.2f s peak %.0f tilt %.0f mg posture %.1f deg "
                                    + "dom %.2f Hz high %.2f conc %.2f flat %.3f exc %.2f deg%n",
                            f, spec.seed(), leg, lm ? "LM" : "--", v, on, off, off - on, s.peakG() * 1000, s.peakTiltG() * 1000, post,
                            sf == null ? Double.NaN : sf.dominantHz(), sf == null ? Double.NaN : sf.highFraction(),
                            sf == null ? Double.NaN : sf.concentration(), sf == null ? Double.NaN : sf.flatness(), ex);
                    System.out.printf(Locale.ROOT, "      gate %.2f-%.2f (less envelope delay) closed at %.2f tiltOnset %.2f tiltOffset %.2f%n",
                            s.onsetS() - envDelay, s.offsetS() - envDelay, d.lastSampleS(), (double) tOn.invoke(d, s), (double) tOff.invoke(d, s));
                    // ringdown features (bench only)
                    double last = d.lastSampleS();
                    double[] aft = (double[]) meanRaw.invoke(d, off + 0.2, Math.min(last, off + 1.0));
                    double[] b1 = (double[]) meanRaw.invoke(d, on - 1.0, on - 0.6);
                    double[] b2 = (double[]) meanRaw.invoke(d, on - 0.6, on - 0.2);
                    double ba = (b == null || aft == null) ? Double.NaN : (double) angle.invoke(null, b, aft);
                    double bn = (b1 == null || b2 == null) ? Double.NaN : (double) angle.invoke(null, b1, b2);
                    // whole-cycle excursion: means over whole periods of the dominant frequency
                    double wc = Double.NaN;
                    double w1 = Double.NaN;
                    double sgn = Double.NaN;
                    if (sf != null && b != null) {
                        double per = 1 / sf.dominantHz();
                        double win = Math.max(1, Math.round(0.5 / per)) * per;
                        wc = 0;
                        for (double t = on; t + win <= off + 0.25; t += 0.05) {
                            double[] m = (double[]) meanRaw.invoke(d, t, t + win);
                            if (m != null) wc = Math.max(wc, (double) angle.invoke(null, b, m));
                        }
                        w1 = 0;
                        for (double t = on - 0.25; t + 1.0 <= off + 0.5; t += 0.05) {
                            double[] m = (double[]) meanRaw.invoke(d, t, t + 1.0);
                            if (m != null) w1 = Math.max(w1, (double) angle.invoke(null, b, m));
                        }
                    }
                    double fine = Double.NaN;
                    double lp = Double.NaN;
                    double lpRest = Double.NaN;
                    if (b != null) {
                        fine = 0;
                        for (double t = on; t + 0.5 <= off + 0.25; t += 0.05) {
                            double[] m = (double[]) meanRaw.invoke(d, t, t + 0.5);
                            if (m != null) fine = Math.max(fine, (double) angle.invoke(null, b, m));
                        }
                        // 1-Hz 2nd-order low-pass of the raw ring, settled on the before mean
                        int cap = rt.length;
                        long j0 = (long) idx.invoke(d, on - 0.2);
                        long j1 = (long) idx.invoke(d, Math.min(last, off + 0.5));
                        Biquad[] lpf = new Biquad[3];
                        for (int a = 0; a < 3; a++) { lpf[a] = Biquad.lowPass(1.0, spec.rateHz()); lpf[a].settle(b[a]); }
                        lp = 0; lpRest = 0;
                        double[] m = new double[3];
                        for (long j = j0; j < j1; j++) {
                            int pp = (int) (j % cap);
                            for (int a = 0; a < 3; a++) m[a] = lpf[a].step(raw[a][pp]);
                            lp = Math.max(lp, (double) angle.invoke(null, b, m));
                            lpRest = Math.max(lpRest, (double) angle.invoke(null, s.restBefore(), m));
                        }
                    }
                    System.out.printf(Locale.ROOT, "      FEAT2 %s fine05 %.2f lp1Hz %.2f lp1HzRest %.2f%n", lm ? "LM" : "--", fine, lp, lpRest);
                    // envelope shape of the band-passed signal over [on-0.5, off+0.5]
                    double from = on - 0.5;
                    long i0 = (long) idx.invoke(d, from);
                    int n = (int) ((long) idx.invoke(d, Math.min(last, off + 0.5)) - i0);
                    double peakFrac = Double.NaN;
                    double tailRatio = Double.NaN;
                    double decay = Double.NaN;
                    if (n > 8) {
                        band.invoke(d, i0, n);
                        double rate = spec.rateHz();
                        double[] e2 = new double[n];
                        for (int k = 0; k < n; k++) {
                            e2[k] = scr[0][k] * scr[0][k] + scr[1][k] * scr[1][k] + scr[2][k] * scr[2][k];
                        }
                        int hw = Math.max(1, (int) Math.round(0.1 * rate));
                        double best = -1;
                        int bk = 0;
                        double[] sm = new double[n];
                        for (int k = 0; k < n; k++) {
                            double acc = 0; int c = 0;
                            for (int q = Math.max(0, k - hw); q <= Math.min(n - 1, k + hw); q++) { acc += e2[q]; c++; }
                            sm[k] = Math.sqrt(acc / c);
                            double tk = from + k / rate;
                            if (tk >= on && tk <= off && sm[k] > best) { best = sm[k]; bk = k; }
                        }
                        double tp = from + bk / rate;
                        peakFrac = (tp - on) / (off - on);
                        // energy before the peak vs after it within the burst
                        double pre = 0, postE = 0;
                        for (int k = 0; k < n; k++) {
                            double tk = from + k / rate;
                            if (tk >= on && tk < tp) pre += e2[k];
                            else if (tk >= tp && tk <= off) postE += e2[k];
                        }
                        tailRatio = pre / Math.max(1e-12, pre + postE);
                        // envelope 0.3 s after peak relative to peak
                        int k3 = Math.min(n - 1, bk + (int) Math.round(0.3 * rate));
                        decay = sm[k3] / best;
                    }
                    System.out.printf(Locale.ROOT, "      FEAT %s %s beforeAfter %.2f noise %.2f wholeCycExc %.2f exc1s %.2f peakFrac %.2f preShare %.2f env0.3 %.2f%n",
                            lm ? "LM" : "--", v, ba, bn, wc, w1, peakFrac, tailRatio, decay);
                    for (TruthEvent e : near) {
                        DiagFeed.print(e);
                    }
                } catch (ReflectiveOperationException ex) {
                    throw new IllegalStateException(ex);
                }
            });
            DiagFeed.all(night.source(leg), d);
            for (LegMovement m : det) {
                List<TruthEvent> ov = truth.stream().filter(e -> (e.leg() == leg || e.leg() == null)
                        && e.offsetS() > m.onsetS() && e.onsetS() < m.offsetS()).toList();
                if (Boolean.getBoolean("allDet") || ov.stream().noneMatch(e -> e.kind().isLegMovement())) {
                    System.out.printf(Locale.ROOT, "DETNT %s %d %s %.2f-%.2f %.0f mg%n", f, spec.seed(), leg, m.onsetS(), m.offsetS(), m.peak() * 1000);
                    truth.stream().filter(e -> (e.leg() == leg || e.leg() == null) && e.offsetS() > m.onsetS() - 3 && e.onsetS() < m.offsetS() + 3)
                            .forEach(DiagFeed::print);
                }
            }
        }
    }

    private static Field field(Class<?> c, String name) throws Exception {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    private static Object get(Object o, String name) throws Exception {
        return field(o.getClass(), name).get(o);
    }

    private static void set(Object o, String name, Object v) throws Exception {
        field(o.getClass(), name).set(o, v);
    }
}
