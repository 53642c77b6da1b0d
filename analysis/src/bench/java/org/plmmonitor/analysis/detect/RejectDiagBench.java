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
                    for (TruthEvent e : near) {
                        DiagFeed.print(e);
                    }
                } catch (ReflectiveOperationException ex) {
                    throw new IllegalStateException(ex);
                }
            });
            DiagFeed.all(night.source(leg), d);
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
