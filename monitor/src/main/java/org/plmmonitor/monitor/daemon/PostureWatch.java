package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.signal.AccelerationSink;
import org.plmmonitor.analysis.movement.DetectionListener;
import org.plmmonitor.analysis.movement.Epoch;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.detect.AccelerometerDetector;
import org.plmmonitor.analysis.detect.DetectorConfig;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Between nights, in {@code night.mode = posture|both}: the same detector runs on every sample only
 * to judge the seconds (worn and lying, or not), and the last {@link #BUFFER_S} of samples are kept.
 * Once a leg has been lying with its sensor worn for {@link #CONFIRM_S} (either leg: see
 * {@link InBedJudge}), a night opens where that lying began, and the buffered samples from then are replayed into it, so the night loses nothing
 * to the confirmation delay. Not thread-safe: the daemon's processing thread only.
 */
final class PostureWatch {
    /** Lying this long (sensor worn) opens a night, s. */
    static final double CONFIRM_S = 300;
    /** Samples kept for replay into a night that opens: the confirmation plus the epochs' delay, s. */
    static final double BUFFER_S = 600;

    private final InBedJudge judge;
    private final Map<Leg, AccelerometerDetector> detectors = new EnumMap<>(Leg.class);
    private final Map<Leg, ArrayDeque<double[]>> buffers = new EnumMap<>(Leg.class);

    /** @param ratesHz each leg with a sensor and its nominal rate, Hz */
    PostureWatch(Map<Leg, Double> ratesHz) {
        this.judge = new InBedJudge(ratesHz.keySet());
        for (Map.Entry<Leg, Double> e : ratesHz.entrySet()) {
            Leg leg = e.getKey();
            buffers.put(leg, new ArrayDeque<>());
            detectors.put(leg, new AccelerometerDetector(leg, e.getValue(), DetectorConfig.DEFAULT,
                    new DetectionListener() {
                        @Override
                        public void onMovement(LegMovement movement) {
                        }

                        @Override
                        public void onEpoch(Leg l, Epoch ep) {
                            judge.epoch(l, ep);
                        }
                    }));
        }
    }

    /** One sample of one leg, seconds on the source line and g. */
    void accept(Leg leg, double t, double x, double y, double z) {
        detectors.get(leg).accept(t, x, y, z);
        ArrayDeque<double[]> b = buffers.get(leg);
        b.addLast(new double[]{t, x, y, z});
        while (!b.isEmpty() && b.peekFirst()[0] < t - BUFFER_S) {
            b.pollFirst();
        }
    }

    /** @return where the lying began, once it has lasted {@link #CONFIRM_S} (line seconds) */
    OptionalDouble confirmedLyingSince() {
        return judge.lyingFor(CONFIRM_S);
    }

    /**
     * Replays the buffered samples from {@code fromS} on, all legs interleaved in time order (so the
     * night's streaming merger sees the legs in step), then forgets everything.
     */
    void replayFrom(double fromS, Map<Leg, AccelerationSink> sinks) {
        Map<Leg, ArrayDeque<double[]>> q = new EnumMap<>(Leg.class);
        buffers.forEach((leg, b) -> {
            while (!b.isEmpty() && b.peekFirst()[0] < fromS) {
                b.pollFirst();
            }
            q.put(leg, b);
        });
        while (true) {
            Leg next = null;
            for (Map.Entry<Leg, ArrayDeque<double[]>> e : q.entrySet()) {
                if (!e.getValue().isEmpty() && (next == null || e.getValue().peekFirst()[0] < q.get(next).peekFirst()[0])) {
                    next = e.getKey();
                }
            }
            if (next == null) {
                break;
            }
            double[] s = q.get(next).pollFirst();
            sinks.get(next).accept(s[0], s[1], s[2], s[3]);
        }
        judge.reset();
    }

    /** Forgets the judgement (a night just closed: a new one needs a new confirmation). */
    void reset() {
        judge.reset();
    }
}
