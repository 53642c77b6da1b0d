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
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Diagnostic for tuning only (refuses a held-out family): every burst whose placed span was under the
 * 0.5-s minimum and that AccelerometerDetector's continued-stop rule lengthened (the limb still turning
 * after the gate's stop), with the gate's span, the placed and lengthened offsets, the verdict it then got
 * and every truth event around it (only those it turned into a leg movement; {@code -Dall=true}: every lengthened
 * one), and for those the storage lag after the new offset (one leg alone: the last sample seen when the
 * movement left, less its offset); per night, the largest lag of any movement and how many were over 8.5 s.
 * Replays closeSpan's placement by reflection; no production hook.
 *
 * <pre>mvn -B -o -q -Pbench -pl analysis test -Dtest=ContinuedStopDiagBench -Dfamilies=KINEMATIC_DENSE -Dnights=6 -Dhours=8</pre>
 */
@Tag("bench")
class ContinuedStopDiagBench {
    @Test
    void run() throws Exception {
        for (Family f : TuningFamilies.fromProperty(Family.KINEMATIC_SMALL)) {
            for (NightSpec spec : TuningFamilies.nights(f)) {
                night(f, spec);
            }
        }
    }

    private void night(Family f, NightSpec spec) throws Exception {
        SyntheticNight night = SyntheticNight.generate(spec);
        List<TruthEvent> truth = night.truth();
        for (Leg leg : night.legs()) {
            java.util.List<double[]> rescued = new java.util.ArrayList<>();
            AccelerometerDetector[] self = new AccelerometerDetector[1];
            AccelerometerDetector d = new AccelerometerDetector(leg, spec.rateHz(), DetectorConfig.DEFAULT, new DetectionListener() {
                @Override
                public void onMovement(LegMovement m) {
                    // Storage lag of one leg alone (no other leg's wait): last sample seen less the offset.
                    double lag = self[0].lastSampleS() - m.offsetS();
                    boolean mine = rescued.stream().anyMatch(x -> Math.abs(x[0] - m.onsetS()) < 1e-9);
                    allLag = Math.max(allLag, lag);
                    if (lag > 8.5) {
                        over++;
                    }
                    if (mine) {
                        System.out.printf(Locale.ROOT, "      emitted %.2f-%.2f lag %.2f s after its offset%n", m.onsetS(), m.offsetS(), lag);
                    }
                }

                @Override
                public void onRejected(Leg l, TimeInterval span, String reason) {
                }
            });
            self[0] = d;
            MotionGate gate = (MotionGate) get(d, "gate");
            MotionGate.Handler orig = (MotionGate.Handler) get(gate, "handler");
            Method rOn = m("refineOnset", double.class, double.class, double.class);
            Method rOff = m("refineOffset", double.class, double.class, double.class, double.class);
            Method tOn = m("tiltOnset", MotionGate.Span.class);
            Method tOff = m("tiltOffset", MotionGate.Span.class);
            Method cs = m("continuedStop", double.class, double.class);
            double envDelay = (double) get(d, "envDelayS");
            double gravDelay = (double) get(d, "gravDelayS");
            double period = (double) get(d, "period");
            PauseJoin join = (PauseJoin) get(d, "join");
            set(gate, "handler", (MotionGate.Handler) s -> {
                try {
                    double onset = (double) rOn.invoke(d, s.onsetS() - envDelay, s.peakG(), s.offThreshold());
                    double to = (double) tOn.invoke(d, s);
                    if (!Double.isNaN(to)) {
                        onset = Math.min(onset, to);
                    }
                    onset = Math.max(onset, s.onsetS() - envDelay - gravDelay - period - AccelerometerDetector.REFINE_BACK_S);
                    double offset = (double) rOff.invoke(d, onset, s.offsetS() - envDelay, s.peakG(), s.offThreshold());
                    double tf = (double) tOff.invoke(d, s);
                    if (!Double.isNaN(tf)) {
                        offset = Math.max(offset, tf);
                    }
                    double stop = offset - onset < DetectorConfig.DEFAULT.minDurationS() && !Double.isNaN(to)
                            && !join.continuesHeld(s.onsetS() - envDelay, Math.max(s.peakG(), s.peakTiltG()))
                            ? (double) cs.invoke(d, onset, offset) : Double.NaN;
                    Map<Verdict, Integer> before = new EnumMap<>(Verdict.class);
                    before.putAll(d.verdictCounts());
                    orig.span(s);
                    if (Double.isNaN(stop) || stop <= offset) {
                        return;
                    }
                    String v = "?";
                    for (Map.Entry<Verdict, Integer> e : d.verdictCounts().entrySet()) {
                        if (!e.getValue().equals(before.getOrDefault(e.getKey(), 0))) {
                            v = e.getKey().name();
                        }
                    }
                    double on = onset;
                    double off = Math.max(offset, stop);
                    if (!"LEG_MOVEMENT".equals(v) && !Boolean.getBoolean("all")) {
                        return;
                    }
                    rescued.add(new double[]{on, off});
                    System.out.printf(Locale.ROOT, "EXT %s %d %s %.2f-%.2f -> %.2f (%.2f s) %s gate %.2f-%.2f closed %.2f peak %.0f tilt %.0f mg tiltOnset %s%n",
                            f, spec.seed(), leg, onset, offset, stop, off - on, v, s.onsetS() - envDelay, s.offsetS() - envDelay,
                            d.lastSampleS(), s.peakG() * 1000, s.peakTiltG() * 1000, Double.isNaN(to) ? "NaN" : "ok");
                    for (TruthEvent e : truth) {
                        if ((e.leg() == leg || e.leg() == null) && e.offsetS() > on - 2 && e.onsetS() < off + 2) {
                            DiagFeed.print(e);
                        }
                    }
                } catch (ReflectiveOperationException ex) {
                    throw new IllegalStateException(ex);
                }
            });
            DiagFeed.all(night.source(leg), d);
        }
        System.out.printf(Locale.ROOT, "LAG %s %d: all movements max %.2f s, %d over 8.5 s (one leg alone)%n", f, spec.seed(), allLag, over);
        allLag = 0;
        over = 0;
    }

    private double allLag;
    private int over;

    private static Method m(String name, Class<?>... types) throws Exception {
        Method x = AccelerometerDetector.class.getDeclaredMethod(name, types);
        x.setAccessible(true);
        return x;
    }

    private static Object get(Object o, String name) throws Exception {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    private static void set(Object o, String name, Object v) throws Exception {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        f.set(o, v);
    }
}
