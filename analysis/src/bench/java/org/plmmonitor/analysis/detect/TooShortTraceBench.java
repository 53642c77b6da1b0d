package org.plmmonitor.analysis.detect;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.bench.TuningFamilies;
import org.plmmonitor.analysis.movement.DetectionListener;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.signal.AccelerationGrid;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.sim.Family;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.analysis.sim.TruthEvent;
import org.plmmonitor.analysis.time.TimeInterval;

import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * Trace for tuning only (TuningFamilies refuses a held-out family): for one night ({@code -Dfirst}) and leg
 * ({@code -Dleg}), over {@code -Dwindow=FROM,TO} s, the raw samples' 0.2-s mean departure (mg) from their mean
 * over the half second before FROM and whether the gate is open, every 0.04 s, with the truth events, the
 * movements and the rejections there. Shows where a slow small movement's limb stops against where the gate
 * stopped it.
 *
 * <pre>mvn -B -o -q -Pbench -pl analysis test -Dtest=TooShortTraceBench -Dfamilies=KINEMATIC_SMALL -Dfirst=4 -Dwindow=8147,8150.5</pre>
 */
@Tag("bench")
class TooShortTraceBench {
    @Test
    void run() throws Exception {
        Family f = TuningFamilies.fromProperty(Family.KINEMATIC_SMALL).get(0);
        int i = Integer.getInteger("first", 0);
        String[] w = System.getProperty("window").split(",");
        double from = Double.parseDouble(w[0]);
        double to = Double.parseDouble(w[1]);
        Leg want = Leg.valueOf(System.getProperty("leg", "LEFT"));
        NightSpec spec = f.night(i, Double.parseDouble(System.getProperty("hours", "8")) * 3600);
        SyntheticNight night = SyntheticNight.generate(spec);
        for (TruthEvent e : night.truth()) {
            if (e.offsetS() > from && e.onsetS() < to) {
                System.out.printf(Locale.ROOT, "TRUTH %s %s %.2f-%.2f %.0f mg%n", e.leg(), e.kind(), e.onsetS(), e.offsetS(), e.peakG() * 1000);
            }
        }
        AccelerometerDetector d = new AccelerometerDetector(want, spec.rateHz(), DetectorConfig.DEFAULT, new DetectionListener() {
            @Override
            public void onMovement(LegMovement m) {
                if (m.offsetS() > from && m.onsetS() < to) {
                    System.out.printf(Locale.ROOT, "MOV %.2f-%.2f%n", m.onsetS(), m.offsetS());
                }
            }

            @Override
            public void onRejected(Leg l, TimeInterval s, String reason) {
                if (s.endS() > from && s.startS() < to) {
                    System.out.printf(Locale.ROOT, "REJ %.2f-%.2f %s%n", s.startS(), s.endS(), reason);
                }
            }
        });
        Field act = MotionGate.class.getDeclaredField("active");
        act.setAccessible(true);
        Object gate = field(d, "gate");
        SampleSource src = night.source(want);
        double[] s = new double[4];
        ArrayDeque<double[]> win = new ArrayDeque<>();
        double[] ref = null;
        double[] refSum = new double[4];
        double lastPrint = -1;
        while (src.next(s)) {
            DiagFeed.accept(d, s);
            if (s[0] < from - 0.5 || s[0] > to) {
                continue;
            }
            double[] v = {s[0], AccelerationGrid.onGrid(s[1]), AccelerationGrid.onGrid(s[2]), AccelerationGrid.onGrid(s[3])};
            if (s[0] < from) {
                for (int j = 1; j < 4; j++) refSum[j] += v[j];
                refSum[0]++;
                continue;
            }
            if (ref == null) {
                ref = new double[]{refSum[1] / refSum[0], refSum[2] / refSum[0], refSum[3] / refSum[0]};
            }
            win.add(v);
            while (win.peekFirst()[0] < s[0] - 0.2) {
                win.pollFirst();
            }
            if (s[0] - lastPrint >= 0.04) {
                lastPrint = s[0];
                double[] m = new double[3];
                for (double[] q : win) {
                    for (int j = 0; j < 3; j++) m[j] += q[j + 1] / win.size();
                }
                double dx = m[0] - ref[0], dy = m[1] - ref[1], dz = m[2] - ref[2];
                System.out.printf(Locale.ROOT, "T %.2f (centre %.2f) gate %s dep %.1f mg  d=(%.1f %.1f %.1f)%n", s[0], s[0] - 0.1,
                        act.getBoolean(gate) ? "OPEN" : "----", 1000 * Math.sqrt(dx * dx + dy * dy + dz * dz), 1000 * dx, 1000 * dy, 1000 * dz);
            }
        }
    }

    private static Object field(Object o, String name) throws Exception {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }
}
