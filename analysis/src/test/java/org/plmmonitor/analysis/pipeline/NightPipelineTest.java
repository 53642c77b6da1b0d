package org.plmmonitor.analysis.pipeline;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.score.PlmScorer;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.score.ScoringContext;
import org.plmmonitor.analysis.score.ScoringResult;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.signal.AccelerationGrid;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.analysis.sim.TruthEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The night pipeline streams what scoring a closed night at once would give, and its report is what it streamed. */
class NightPipelineTest {
    static final class Collect implements NightPipeline.Listener {
        final List<ScoredMovement> decided = new ArrayList<>();
        final List<LegMovement> detected = new ArrayList<>();
        final List<Double> emittedAtLineS = new ArrayList<>();
        double now;

        @Override
        public void movement(ScoredMovement m, boolean isDecided) {
            if (isDecided) {
                decided.add(m);
            } else {
                emittedAtLineS.add(now - m.movement().offsetS());
            }
        }

        @Override
        public void onMovement(LegMovement m) {
            detected.add(m);
        }

        List<ScoredMovement> decidedInOrder() {
            List<ScoredMovement> got = new ArrayList<>(decided);
            got.sort(Comparator.comparingDouble(ScoredMovement::onsetS).thenComparing(m -> m.movement().leg()));
            return got;
        }
    }

    @Test
    void legsFedInLockstepEqualScoringTheDetectedMovementsAtOnce() {
        NightSpec spec = NightSpec.builder().seed(31).durationS(2 * 3600).rateHz(50).bilateral(true).plmPerHour(40).build();
        SyntheticNight night = SyntheticNight.generate(spec);
        Map<Leg, Double> rates = new EnumMap<>(Map.of(Leg.LEFT, 50.0, Leg.RIGHT, 50.0));
        Collect c = new Collect();
        NightPipeline live = new NightPipeline(rates, DetectorConfig.DEFAULT, ScoringStandard.WASM2016,
                NightPipeline.LIVE_MAX_LAG_S, c);
        lockstep(night.source(Leg.LEFT), night.source(Leg.RIGHT), live, c);
        ScoringResult atOnce = PlmScorer.scoreAll(c.detected, ScoringStandard.WASM2016, ScoringContext.NONE,
                live.gapStarts());
        List<ScoredMovement> expected = atOnce.movements();
        assertEquals(expected, c.decidedInOrder());
        assertEquals(atOnce, live.result(), "the night's result is the streamed scoring, series included");
        assertTrue(atOnce.series().size() > 2, "series: " + atOnce.series().size());
        assertTrue(expected.size() > 50);
        assertEquals(0, live.lateMovements());
        // Movements come out promptly (contracts.md: most within about 3 s of their offset), series pending.
        assertTrue(median(c.emittedAtLineS) <= 3.0, "median delay " + median(c.emittedAtLineS) + " s");
    }

    /**
     * A leg not heard from yet holds the others back as if silent since the first sample of any leg
     * (docs/contracts.md, "Streaming"): the right leg's first 29 s arrive before the left leg's first
     * sample (a sensor whose samples began to come a moment later), and the left leg's candidate 8 s in
     * is still scored in order. Holding nobody back until its first sample made that movement late, a
     * non-candidate in the daemon's night and a candidate in plm analyze's.
     */
    @Test
    void aLegThatStartsLateHoldsTheOthersBackFromTheFirstSampleOfAnyLeg() {
        NightSpec spec = NightSpec.builder().seed(45).durationS(120).rateHz(50).bilateral(true).plmPerHour(120).build();
        SyntheticNight night = SyntheticNight.generate(spec);
        double ahead = 29;
        Map<Leg, Double> rates = new EnumMap<>(Map.of(Leg.LEFT, 50.0, Leg.RIGHT, 50.0));
        NightPipeline offline = offline(rates, night.source(Leg.LEFT), night.source(Leg.RIGHT));
        assertTrue(offline.result().movements().stream().anyMatch(m -> m.movement().leg() == Leg.LEFT && m.candidate()
                        && m.movement().offsetS() < ahead - 5),
                "a left candidate in the seconds only the right leg has sent: " + offline.result().movements());

        Collect c = new Collect();
        NightPipeline live = new NightPipeline(rates, DetectorConfig.DEFAULT, ScoringStandard.WASM2016,
                NightPipeline.LIVE_MAX_LAG_S, c);
        SampleSource right = night.source(Leg.RIGHT);
        double[] s = new double[4];
        int n = 0;
        do {
            if (!right.next(s)) {
                throw new AssertionError("the right leg ended before " + ahead + " s");
            }
            live.sink(Leg.RIGHT).accept(s[0], s[1], s[2], s[3]);
            if (++n % 5 == 0) {
                live.tick();
            }
        } while (s[0] < ahead);
        lockstep(night.source(Leg.LEFT), right, live, c);
        assertEquals(0, live.lateMovements());
        assertEquals(offline.result(), live.result(), "live and offline score the same night");
    }

    /**
     * A leg that keeps sending samples is never passed by (docs/contracts.md, "Streaming"). The left
     * leg kicks, and 1.5 s later starts 80 s of restless wandering (rejected as gross movement): its
     * kick is held as the start of a possible run until the wandering ends, while the right leg's
     * movements pile up. Passing the left leg once its watermark was 30 s behind made the kick late,
     * a non-candidate in the daemon's night and a candidate in plm analyze's.
     */
    @Test
    void aLegStillSendingHoldsTheOthersBackThroughActivityLongerThanTheLiveLimit() {
        NightSpec spec = NightSpec.builder().seed(34).durationS(3600).rateHz(50).bilateral(true).plmPerHour(60).build();
        SyntheticNight night = SyntheticNight.generate(spec);
        // The left leg's activity starts where the right leg moves twice more than 30 s into it.
        List<TruthEvent> right = night.legMovements(Leg.RIGHT, true);
        double from = right.stream().mapToDouble(TruthEvent::onsetS).filter(t -> t > 120
                        && right.stream().filter(e -> e.onsetS() > t + 32 && e.offsetS() < t + 76).count() >= 2)
                .findFirst().orElseThrow() - 1;
        Map<Leg, Double> rates = new EnumMap<>(Map.of(Leg.LEFT, 50.0, Leg.RIGHT, 50.0));
        Collect c = new Collect();
        NightPipeline live = new NightPipeline(rates, DetectorConfig.DEFAULT, ScoringStandard.WASM2016,
                NightPipeline.LIVE_MAX_LAG_S, c);
        lockstep(new KickThenWander(night.source(Leg.LEFT), from), night.source(Leg.RIGHT), live, c);
        NightPipeline offline = offline(rates, new KickThenWander(night.source(Leg.LEFT), from), night.source(Leg.RIGHT));

        List<ScoredMovement> got = offline.result().movements();
        ScoredMovement kick = got.stream().filter(m -> m.movement().leg() == Leg.LEFT
                        && m.onsetS() > from - KickThenWander.KICK_BEFORE_S - 0.5 && m.onsetS() < from - 1).findFirst()
                .orElseThrow(() -> new AssertionError("no left kick before " + from + ": " + got));
        assertTrue(kick.candidate(), "the kick is a candidate: " + kick);
        assertTrue(got.stream().filter(m -> m.movement().leg() == Leg.RIGHT && m.onsetS() > kick.onsetS() + NightPipeline.LIVE_MAX_LAG_S
                        && m.onsetS() < from + KickThenWander.WANDER_S).count() >= 2,
                "the right leg moves while the left kick has been held for over 30 s");
        assertEquals(0, live.lateMovements());
        assertEquals(offline.result(), live.result(), "live and offline score the same night");
    }

    /**
     * The left leg with a kick (a 6-degree turn and back in 1 s) ending 1.5 s before {@code from}, then
     * 80 s of wandering 5-11 degrees away from its rest, never resting, with a jerky part on top (a
     * restless leg in wake).
     */
    private static final class KickThenWander implements SampleSource {
        static final double KICK_BEFORE_S = 2.5;
        static final double WANDER_S = 80;
        private final SampleSource base;
        private final double from;
        private final java.util.SplittableRandom random = new java.util.SplittableRandom(34);
        private double[] rest;
        private double jerkDeg;
        private double jerkVel;

        KickThenWander(SampleSource base, double from) {
            this.base = base;
            this.from = from;
        }

        @Override
        public double rateHz() {
            return base.rateHz();
        }

        @Override
        public boolean next(double[] s) {
            if (!base.next(s)) {
                return false;
            }
            double deg;
            if (s[0] < from - KICK_BEFORE_S) {
                rest = new double[]{s[1], s[2], s[3]};
                return true;
            } else if (s[0] < from - KICK_BEFORE_S + 1) {
                deg = 6 * Math.sin(Math.PI * (s[0] - from + KICK_BEFORE_S));
            } else if (s[0] < from) {
                deg = 0;
            } else if (s[0] < from + WANDER_S) {
                double u = s[0] - from;
                double ramp = Math.min(1, Math.min(u, WANDER_S - u) / 1.5);
                jerkVel = 0.9 * jerkVel + random.nextDouble(-1, 1);
                jerkDeg = 0.99 * jerkDeg + jerkVel / base.rateHz();
                deg = ramp * (8 + 2 * Math.sin(2 * Math.PI * 0.07 * u) + 1.2 * Math.sin(2 * Math.PI * 0.19 * u + 1) + jerkDeg);
            } else {
                return true;
            }
            double[] g = rest;
            double n = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
            // Turn about an axis across gravity (Rodrigues; the k (k . g) term is zero).
            double[] k = Math.abs(g[0]) < 0.9 * n ? new double[]{0, g[2], -g[1]} : new double[]{-g[2], 0, g[0]};
            double kn = Math.sqrt(k[0] * k[0] + k[1] * k[1] + k[2] * k[2]);
            double a = Math.toRadians(deg);
            double[] kxg = {k[1] * g[2] - k[2] * g[1], k[2] * g[0] - k[0] * g[2], k[0] * g[1] - k[1] * g[0]};
            for (int j = 0; j < 3; j++) {
                // What the generator drew on top of the rest (noise, its own movements) stays.
                s[j + 1] = g[j] * Math.cos(a) + kxg[j] / kn * Math.sin(a) + (s[j + 1] - g[j]);
            }
            return true;
        }
    }

    /** Feeds two legs in time order, as the daemon's devices deliver them, ticking every five samples, then finishes. */
    /** Both legs analysed as plm analyze does: each fed whole, one after the other, never passed by. */
    private static NightPipeline offline(Map<Leg, Double> rates, SampleSource left, SampleSource right) {
        NightPipeline offline = new NightPipeline(rates, DetectorConfig.DEFAULT, ScoringStandard.WASM2016,
                Double.POSITIVE_INFINITY, NightPipeline.NONE);
        offline.feed(Leg.LEFT, left);
        offline.feed(Leg.RIGHT, right);
        offline.finish();
        return offline;
    }

    private static void lockstep(SampleSource l, SampleSource r, NightPipeline live, Collect c) {
        double[] a = new double[4];
        double[] b = new double[4];
        boolean moreL = l.next(a);
        boolean moreR = r.next(b);
        int n = 0;
        while (moreL || moreR) {
            if (moreL && (!moreR || a[0] <= b[0])) {
                live.sink(Leg.LEFT).accept(a[0], a[1], a[2], a[3]);
                c.now = a[0];
                moreL = l.next(a);
            } else {
                live.sink(Leg.RIGHT).accept(b[0], b[1], b[2], b[3]);
                c.now = b[0];
                moreR = r.next(b);
            }
            if (++n % 5 == 0) {
                live.tick();
            }
        }
        live.finish();
    }

    @Test
    void theDetectorsVersionAndParametersAreTheOnesTheAnalysisReports() {
        NightSpec spec = NightSpec.builder().seed(33).durationS(900).rateHz(25).plmPerHour(40).build();
        SyntheticNight night = SyntheticNight.generate(spec);
        DetectorConfig strict = DetectorConfig.builder().onThresholdG(0.05).build();
        NightPipeline p = new NightPipeline(new EnumMap<>(Map.of(Leg.LEFT, 25.0)), new VersionedDetector("study-0.1", strict),
                ScoringStandard.WASM2016, NightPipeline.LIVE_MAX_LAG_S, NightPipeline.NONE);
        p.feed(Leg.LEFT, night.source(Leg.LEFT));
        p.finish();
        var prov = p.analysis(Map.of(), null).provenance();
        assertEquals("study-0.1", prov.detectorVersion());
        assertEquals("0.05", prov.detectorParameters().get("on_threshold_g"));
        assertThrows(IllegalArgumentException.class, () -> new VersionedDetector(" ", strict));
        assertEquals(DetectorConfig.VERSION, VersionedDetector.current().version());
    }

    @Test
    void aSilentLegDoesNotHoldTheOtherLegsMovementsBack() {
        NightSpec spec = NightSpec.builder().seed(32).durationS(3600).rateHz(50).plmPerHour(40).build();
        SyntheticNight night = SyntheticNight.generate(spec);
        Collect c = new Collect();
        NightPipeline live = new NightPipeline(new EnumMap<>(Map.of(Leg.LEFT, 50.0, Leg.RIGHT, 50.0)),
                DetectorConfig.DEFAULT, ScoringStandard.WASM2016, NightPipeline.LIVE_MAX_LAG_S, c);
        SampleSource l = night.source(Leg.LEFT);
        double[] a = new double[4];
        // The right sensor sends ten seconds, then nothing (unplugged).
        for (int i = 0; i < 500; i++) {
            live.sink(Leg.RIGHT).accept(i / 50.0, 0, 0, 1);
        }
        int n = 0;
        while (l.next(a)) {
            live.sink(Leg.LEFT).accept(a[0], a[1], a[2], a[3]);
            c.now = a[0];
            if (++n % 5 == 0) {
                live.tick();
            }
        }
        int beforeEnd = c.emittedAtLineS.size();
        assertTrue(beforeEnd > 10, "movements emitted while the night runs: " + beforeEnd);
        // contracts.md: most movements within about 3 s of their offset.
        assertTrue(median(c.emittedAtLineS) <= 3.0, "median delay " + median(c.emittedAtLineS) + " s");
        assertTrue(c.emittedAtLineS.stream().allMatch(d -> d <= NightPipeline.LIVE_MAX_LAG_S + 15),
                "no movement waits for the silent leg: " + c.emittedAtLineS);
        live.finish();
        assertEquals(c.decidedInOrder(), live.result().movements());
    }

    /**
     * The case issue 8 names: a leg lagging more than the live limit reports movements the scorer has
     * passed. They are listed as decided non-candidates, and the report says exactly what the listener
     * (the daemon's store) was told, not a second scoring that would count them.
     */
    @Test
    void aLaggingLegsLateMovementsAreReportedAsTheyWereStreamed() {
        NightSpec spec = NightSpec.builder().seed(1).durationS(1800).rateHz(25).bilateral(true).plmPerHour(120).build();
        SyntheticNight night = SyntheticNight.generate(spec);
        Collect c = new Collect();
        NightPipeline live = new NightPipeline(new EnumMap<>(Map.of(Leg.LEFT, 25.0, Leg.RIGHT, 25.0)),
                DetectorConfig.DEFAULT, ScoringStandard.WASM2016, NightPipeline.LIVE_MAX_LAG_S, c);
        // The left leg runs the whole night before the right leg's first sample arrives.
        feedAll(night.source(Leg.LEFT), live, Leg.LEFT);
        feedAll(night.source(Leg.RIGHT), live, Leg.RIGHT);
        live.finish();
        long rightDetected = c.detected.stream().filter(m -> m.leg() == Leg.RIGHT).count();
        assertTrue(rightDetected > 5, "right movements: " + rightDetected);
        assertTrue(live.lateMovements() > 0 && live.lateMovements() <= rightDetected, "late: " + live.lateMovements());
        List<ScoredMovement> report = live.result().movements();
        assertEquals(c.decidedInOrder(), report);
        long lateInReport = report.stream().filter(m -> m.movement().leg() == Leg.RIGHT && !m.candidate()).count();
        assertTrue(lateInReport >= live.lateMovements(), "late movements are reported as non-candidates: " + lateInReport);
        ScoringResult atOnce = PlmScorer.scoreAll(c.detected, ScoringStandard.WASM2016, ScoringContext.NONE, live.gapStarts());
        assertNotEquals(atOnce.movements(), report, "scoring again at close would have told another story");
    }

    @Test
    void theResultIsOnlyReadableOnceTheNightHasFinished() {
        NightPipeline p = new NightPipeline(Map.of(Leg.LEFT, 50.0), DetectorConfig.DEFAULT, ScoringStandard.WASM2016,
                NightPipeline.LIVE_MAX_LAG_S, NightPipeline.NONE);
        assertThrows(IllegalStateException.class, p::result);
        assertThrows(IllegalArgumentException.class, () -> p.sink(Leg.RIGHT));
        p.finish();
        assertEquals(List.of(), p.result().movements());
        assertEquals(0, p.recordedS());
    }

    @Test
    void everySampleEntersOnTheStoresGridWhoeverFeedsIt() {
        // What the daemon stores and a resume or reanalysis replays is the grid's counts: a pipeline fed
        // the generator's samples as they are and one fed them already on the grid must see one night.
        NightSpec spec = NightSpec.builder().seed(5).durationS(3600).rateHz(50).plmPerHour(60).build();
        SyntheticNight night = SyntheticNight.generate(spec);
        List<LegMovement> asGenerated = detected(night.source(Leg.LEFT), false);
        List<LegMovement> onGrid = detected(night.source(Leg.LEFT), true);
        assertTrue(asGenerated.size() >= 20, "a night with movements: " + asGenerated.size());
        boolean offGrid = false;
        double[] s = new double[4];
        SampleSource src = night.source(Leg.LEFT);
        while (src.next(s) && !offGrid) {
            offGrid = AccelerationGrid.onGrid(s[1]) != s[1];
        }
        assertTrue(offGrid, "the generator's samples are finer than the grid, so the grid has work to do");
        // Peak and RMS are sums of the samples: any input finer than the grid would change them.
        assertEquals(onGrid, asGenerated);
    }

    private static List<LegMovement> detected(SampleSource src, boolean putOnGrid) {
        Collect c = new Collect();
        NightPipeline p = new NightPipeline(Map.of(Leg.LEFT, 50.0), DetectorConfig.DEFAULT, ScoringStandard.WASM2016,
                NightPipeline.LIVE_MAX_LAG_S, c);
        double[] s = new double[4];
        while (src.next(s)) {
            if (putOnGrid) {
                p.sink(Leg.LEFT).accept(s[0], AccelerationGrid.onGrid(s[1]), AccelerationGrid.onGrid(s[2]), AccelerationGrid.onGrid(s[3]));
            } else {
                p.sink(Leg.LEFT).accept(s[0], s[1], s[2], s[3]);
            }
        }
        p.finish();
        return c.detected;
    }

    private static void feedAll(SampleSource src, NightPipeline p, Leg leg) {
        double[] s = new double[4];
        int n = 0;
        while (src.next(s)) {
            p.sink(leg).accept(s[0], s[1], s[2], s[3]);
            if (++n % 5 == 0) {
                p.tick();
            }
        }
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
