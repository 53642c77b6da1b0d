package org.plmmonitor.analysis.detect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plmmonitor.analysis.movement.DetectionListener;
import org.plmmonitor.analysis.movement.Epoch;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.time.TimeInterval;
import org.plmmonitor.analysis.sim.Evaluation;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.sim.SyntheticNight;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccelerometerDetectorTest {

    /** Collects everything a detector reports. */
    static final class Recorder implements DetectionListener {
        final List<LegMovement> movements = new ArrayList<>();
        final List<TimeInterval> gaps = new ArrayList<>();
        final List<TimeInterval> analysable = new ArrayList<>();
        final List<Epoch> epochs = new ArrayList<>();

        @Override
        public void onMovement(LegMovement m) {
            movements.add(m);
        }

        @Override
        public void onGap(Leg leg, TimeInterval gap) {
            gaps.add(gap);
        }

        @Override
        public void onAnalysable(Leg leg, TimeInterval interval) {
            analysable.add(interval);
        }

        @Override
        public void onEpoch(Leg leg, Epoch epoch) {
            epochs.add(epoch);
        }

        double seconds(Epoch.State s) {
            return epochs.stream().filter(e -> e.state() == s).mapToDouble(e -> e.endS() - e.startS()).sum();
        }
    }

    static Recorder run(NightSpec spec) {
        SyntheticNight night = SyntheticNight.generate(spec);
        Recorder r = new Recorder();
        AccelerometerDetector d = new AccelerometerDetector(Leg.LEFT, spec.rateHz(), DetectorConfig.DEFAULT, r);
        SampleSource src = night.source(Leg.LEFT);
        double[] s = new double[4];
        while (src.next(s)) {
            d.accept(s[0], s[1], s[2], s[3]);
        }
        d.finish();
        return r;
    }

    @ParameterizedTest(name = "{0} at {1} Hz, seed {2}")
    @CsvSource({
            "NOISE_ONLY, 25, 1", "NOISE_ONLY, 50, 2", "NOISE_ONLY, 100, 3",
            "RESPIRATION_ONLY, 25, 4", "RESPIRATION_ONLY, 50, 5", "RESPIRATION_ONLY, 100, 6",
            "VIBRATION_ONLY, 25, 7", "VIBRATION_ONLY, 50, 8", "VIBRATION_ONLY, 100, 9"})
    void nothingIsDetectedInHalfAnHourOfOneIngredientAlone(NightSpec.Content content, double rate, long seed) {
        NightSpec spec = NightSpec.builder().seed(seed).rateHz(rate).durationS(1800).content(content)
                .lsbG(seed % 2 == 0 ? 0.0039 : 0.001).build();
        Recorder r = run(spec);
        assertEquals(List.of(), r.movements, content + " produced movements");
    }

    @Test
    void aSensorOnTheNightstandIsUnwornTimeAndAWornStillLegIsNot() {
        Recorder table = run(NightSpec.builder().seed(11).rateHz(50).durationS(1800)
                .content(NightSpec.Content.NOISE_ONLY).build());
        assertTrue(table.seconds(Epoch.State.UNWORN) > 1700, "unworn seconds " + table.seconds(Epoch.State.UNWORN));
        assertTrue(table.seconds(Epoch.State.ANALYSABLE) < 100);

        Recorder worn = run(NightSpec.builder().seed(12).rateHz(50).durationS(1800)
                .content(NightSpec.Content.RESPIRATION_ONLY).build());
        assertTrue(worn.seconds(Epoch.State.ANALYSABLE) > 1750, "analysable seconds " + worn.seconds(Epoch.State.ANALYSABLE));
    }

    @Test
    void epochsTileTheRecordingInOrderAndAnalysableStretchesMatchThem() {
        Recorder r = run(NightSpec.builder().seed(3).rateHz(25).durationS(3 * 3600).build());
        double prevEnd = Double.NEGATIVE_INFINITY;
        for (Epoch e : r.epochs) {
            assertTrue(e.startS() >= prevEnd - 1e-9, "epoch at " + e.startS() + " overlaps the previous one ending " + prevEnd);
            assertTrue(e.endS() > e.startS());
            prevEnd = e.endS();
        }
        double stretches = r.analysable.stream().mapToDouble(TimeInterval::durationS).sum();
        assertEquals(r.seconds(Epoch.State.ANALYSABLE), stretches, 1e-6);
    }

    @Test
    void aGapIsReportedWithItsExactEndsAndNoMovementIsInventedAcrossIt() {
        Recorder r = new Recorder();
        double rate = 50;
        AccelerometerDetector d = new AccelerometerDetector(Leg.LEFT, rate, DetectorConfig.DEFAULT, r);
        // 60 s still, then a strong movement cut by a 20-s gap, then 60 s still.
        for (int i = 0; i < 60 * 50; i++) {
            d.accept(i / rate, 0.01 * Math.sin(i * 0.7) * 0.01, 0, 1);
        }
        double lastBefore = 0;
        for (int i = 0; i < 50; i++) {
            double t = 60 + i / rate;
            d.accept(t, 0.3 * Math.sin(2 * Math.PI * 2 * t), 0, 1);
            lastBefore = t;
        }
        double firstAfter = 81.0;
        for (int i = 0; i < 60 * 50; i++) {
            d.accept(firstAfter + i / rate, 0, 0, 1);
        }
        d.finish();
        assertEquals(1, r.gaps.size());
        assertEquals(lastBefore, r.gaps.get(0).startS(), 1e-12);
        assertEquals(firstAfter, r.gaps.get(0).endS(), 1e-12);
        for (LegMovement m : r.movements) {
            assertFalse(m.onsetS() < firstAfter && m.offsetS() > lastBefore, "movement spans the gap: " + m);
        }
        // The restart after the gap (gravity reappearing at 1 g) must not look like a movement.
        assertTrue(r.movements.stream().noneMatch(m -> m.onsetS() >= firstAfter), "restart faked a movement: " + r.movements);
    }

    @Test
    void aSingleSampleSpikeIsNotAMovementButATwoSecondBurstIs() {
        Recorder r = new Recorder();
        double rate = 100;
        AccelerometerDetector d = new AccelerometerDetector(Leg.LEFT, rate, DetectorConfig.DEFAULT, r);
        for (int i = 0; i < 100 * 100; i++) {
            double t = i / rate;
            double x = i == 3000 ? 2.0 : 0;
            double burst = t >= 60 && t < 62 ? 0.1 * Math.sin(2 * Math.PI * 1.5 * (t - 60)) : 0;
            d.accept(t, x + burst, 0.0, 1.0);
        }
        d.finish();
        assertEquals(1, r.movements.size(), "movements " + r.movements);
        LegMovement m = r.movements.get(0);
        assertEquals(60, m.onsetS(), 0.3);
        assertEquals(62, m.offsetS(), 0.6); // an abrupt stop rings through the band-pass for a few tenths
        assertTrue(m.peak() > 0.03 && m.peak() < 0.15, "peak " + m.peak());
    }

    @Test
    void aSlowTurnHeldWithAFiveHertzMuscleTremorIsALegMovementNotARhythm() {
        // The shank turns 3 degrees (50 mg) over 1.5 s, is held 7 s with a 5-Hz physiological tremor
        // of 30 mg on top, and comes back: once the 0.5-Hz high-pass has taken out the slow turn, the
        // tremor is most of the spectrum, but a foot tremor or a gait repeats at 0.3-4 Hz.
        Recorder r = new Recorder();
        double rate = 100;
        AccelerometerDetector d = new AccelerometerDetector(Leg.LEFT, rate, DetectorConfig.DEFAULT, r);
        for (int i = 0; i < 60 * 100; i++) {
            double t = i / rate;
            double turn = t < 30 ? 0 : t < 31.5 ? 0.05 * (1 - Math.cos(Math.PI * (t - 30) / 1.5)) / 2
                    : t < 38.5 ? 0.05 : t < 40 ? 0.05 * (1 + Math.cos(Math.PI * (t - 38.5) / 1.5)) / 2 : 0;
            double tremor = t >= 31 && t < 39 ? 0.03 * Math.sin(2 * Math.PI * 5 * t) : 0;
            d.accept(t, turn + tremor, 0.0, Math.sqrt(1 - turn * turn));
        }
        d.finish();
        assertEquals(0, d.verdictCounts().getOrDefault(Verdict.RHYTHMIC, 0), d.verdictCounts().toString());
        assertEquals(1, r.movements.size(), "movements " + r.movements);
        assertEquals(30, r.movements.get(0).onsetS(), 0.5);
        assertEquals(40, r.movements.get(0).offsetS(), 0.5);
    }

    @Test
    void mountingOrientationDoesNotChangeWhatIsFound() {
        NightSpec spec = NightSpec.builder().seed(21).rateHz(50).durationS(3600).plmPerHour(40).build();
        SyntheticNight night = SyntheticNight.generate(spec);
        Recorder plain = new Recorder();
        Recorder turned = new Recorder();
        AccelerometerDetector a = new AccelerometerDetector(Leg.LEFT, 50, DetectorConfig.DEFAULT, plain);
        AccelerometerDetector b = new AccelerometerDetector(Leg.LEFT, 50, DetectorConfig.DEFAULT, turned);
        // A second, fixed rotation on top of the generator's random mounting: 90 deg about x, then 30 about z.
        double c = Math.cos(Math.toRadians(30));
        double sn = Math.sin(Math.toRadians(30));
        SampleSource src = night.source(Leg.LEFT);
        double[] s = new double[4];
        while (src.next(s)) {
            a.accept(s[0], s[1], s[2], s[3]);
            double x = s[1];
            double y = -s[3];
            double z = s[2];
            b.accept(s[0], c * x - sn * y, sn * x + c * y, z);
        }
        a.finish();
        b.finish();
        assertTrue(plain.movements.size() > 20);
        Evaluation.Agreement agree = Evaluation.compare(turned.movements,
                plain.movements.stream().map(m -> new org.plmmonitor.analysis.sim.TruthEvent(m.onsetS(), m.offsetS(),
                        Leg.LEFT, org.plmmonitor.analysis.sim.TruthEvent.Kind.ISOLATED_LM, true, m.peak())).toList(), Leg.LEFT);
        assertTrue(agree.f1() >= 0.98, "rotated vs plain " + agree);
    }

    @Test
    void outOfOrderStampsAreDroppedNotProcessed() {
        Recorder r = new Recorder();
        AccelerometerDetector d = new AccelerometerDetector(Leg.LEFT, 50, DetectorConfig.DEFAULT, r);
        for (int i = 0; i < 50 * 30; i++) {
            d.accept(i / 50.0, 0, 0, 1);
            if (i % 100 == 50) {
                d.accept(i / 50.0 - 5, 5, 5, 5); // a stale, wild sample must change nothing
            }
        }
        d.finish();
        assertEquals(List.of(), r.movements);
        assertEquals(List.of(), r.gaps);
    }

    @Test
    void configurationRejectsOutOfRangeValuesByName() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DetectorConfig.builder().quietS(0).build());
        assertTrue(e.getMessage().contains("quietS"), e.getMessage());
        assertTrue(DetectorConfig.DEFAULT.parameters().containsKey("on_threshold_g"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new AccelerometerDetector(Leg.BILATERAL, 50, DetectorConfig.DEFAULT, r -> { }));
        assertTrue(Map.of().isEmpty());
    }

    /**
     * The ring's walks step their slot on with next() after one remainder: the slots must be the
     * remainders the plain loop took at every index, across the wrap, for the ring lengths of 25 to
     * 1000 Hz and an odd one.
     */
    @Test
    void ringWalkGivesTheSlotsTheRemainderGives() {
        for (int cap : new int[]{1, 7, 1600, 3200, 6400, 64000}) {
            for (long start : new long[]{0, cap - 3L, 5L * cap - 1, 123_456_789L * cap + cap / 2}) {
                int p = (int) (start % cap);
                for (long k = start; k < start + 3L * cap + 5; k++) {
                    assertEquals(k % cap, p, "cap " + cap + " index " + k);
                    p = AccelerometerDetector.next(p, cap);
                }
            }
        }
    }
}
