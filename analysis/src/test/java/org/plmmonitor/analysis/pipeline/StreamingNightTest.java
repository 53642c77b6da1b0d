package org.plmmonitor.analysis.pipeline;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.pipeline.NightDetection;
import org.plmmonitor.analysis.score.PlmScorer;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.score.ScoringContext;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.sim.SyntheticNight;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamingNightTest {
    static final class Collect implements StreamingNight.Listener {
        final List<ScoredMovement> decided = new ArrayList<>();
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
    }

    @Test
    void legsFedInLockstepEqualTheOfflinePath() {
        NightSpec spec = NightSpec.builder().seed(31).durationS(2 * 3600).rateHz(50).bilateral(true).plmPerHour(40).build();
        SyntheticNight night = SyntheticNight.generate(spec);
        Map<Leg, Double> rates = new EnumMap<>(Map.of(Leg.LEFT, 50.0, Leg.RIGHT, 50.0));
        Collect c = new Collect();
        StreamingNight live = new StreamingNight(rates, DetectorConfig.DEFAULT, ScoringStandard.WASM2016, c);
        NightDetection offline = new NightDetection(rates, DetectorConfig.DEFAULT, null);
        SampleSource l = night.source(Leg.LEFT);
        SampleSource r = night.source(Leg.RIGHT);
        double[] a = new double[4];
        double[] b = new double[4];
        boolean moreL = l.next(a);
        boolean moreR = r.next(b);
        int n = 0;
        while (moreL || moreR) {
            if (moreL && (!moreR || a[0] <= b[0])) {
                live.detector(Leg.LEFT).accept(a[0], a[1], a[2], a[3]);
                offline.detector(Leg.LEFT).accept(a[0], a[1], a[2], a[3]);
                c.now = a[0];
                moreL = l.next(a);
            } else {
                live.detector(Leg.RIGHT).accept(b[0], b[1], b[2], b[3]);
                offline.detector(Leg.RIGHT).accept(b[0], b[1], b[2], b[3]);
                c.now = b[0];
                moreR = r.next(b);
            }
            if (++n % 5 == 0) {
                live.tick();
            }
        }
        live.finish();
        offline.finish();
        List<ScoredMovement> expected = PlmScorer.scoreAll(offline.movements(), ScoringStandard.WASM2016,
                ScoringContext.NONE, offline.gapStarts()).movements();
        List<ScoredMovement> got = new ArrayList<>(c.decided);
        got.sort(Comparator.comparingDouble(ScoredMovement::onsetS).thenComparing(m -> m.movement().leg()));
        assertEquals(expected, got);
        assertTrue(expected.size() > 50);
        assertEquals(0, live.lateMovements());
        // Movements come out promptly (contracts.md: about 1 s after their offset), series pending.
        assertTrue(median(c.emittedAtLineS) <= 1.5, "median delay " + median(c.emittedAtLineS) + " s");
    }

    @Test
    void aSilentLegDoesNotHoldTheOtherLegsMovementsBack() {
        NightSpec spec = NightSpec.builder().seed(32).durationS(3600).rateHz(50).plmPerHour(40).build();
        SyntheticNight night = SyntheticNight.generate(spec);
        Collect c = new Collect();
        StreamingNight live = new StreamingNight(new EnumMap<>(Map.of(Leg.LEFT, 50.0, Leg.RIGHT, 50.0)),
                DetectorConfig.DEFAULT, ScoringStandard.WASM2016, c);
        SampleSource l = night.source(Leg.LEFT);
        double[] a = new double[4];
        // The right sensor sends ten seconds, then nothing (unplugged).
        for (int i = 0; i < 500; i++) {
            live.detector(Leg.RIGHT).accept(i / 50.0, 0, 0, 1);
        }
        int n = 0;
        while (l.next(a)) {
            live.detector(Leg.LEFT).accept(a[0], a[1], a[2], a[3]);
            c.now = a[0];
            if (++n % 5 == 0) {
                live.tick();
            }
        }
        int beforeEnd = c.emittedAtLineS.size();
        assertTrue(beforeEnd > 10, "movements emitted while the night runs: " + beforeEnd);
        assertTrue(median(c.emittedAtLineS) <= 1.5, "median delay " + median(c.emittedAtLineS) + " s");
        assertTrue(c.emittedAtLineS.stream().allMatch(d -> d <= StreamingNight.MAX_LAG_S + 15),
                "no movement waits for the silent leg: " + c.emittedAtLineS);
        live.finish();
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
