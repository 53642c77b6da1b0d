package org.plmmonitor.analysis.metrics;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.time.TimeInterval;
import org.plmmonitor.analysis.score.PlmScorer;
import org.plmmonitor.analysis.score.ScoringContext;
import org.plmmonitor.analysis.score.ScoringResult;
import org.plmmonitor.analysis.score.ScoringStandard;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class NightMetricsTest {

    private static List<LegMovement> lefts(double... onsets) {
        List<LegMovement> out = new ArrayList<>();
        for (double o : onsets) {
            out.add(LegMovement.of(o, o + 1, Leg.LEFT));
        }
        return out;
    }

    private static ScoringResult wasm(List<LegMovement> ms) {
        return PlmScorer.scoreAll(ms, ScoringStandard.WASM2016, ScoringContext.NONE);
    }

    @Test
    void periodicityIndexOnHandComputedExamples() {
        assertEquals(1.0, NightMetrics.periodicityIndex(wasm(lefts(0, 20, 40, 60))));
        // IMIs 20, 20, 5, 20, 20, 20, 195: only the run of three 20s counts -> 3/7
        assertEquals(3.0 / 7, NightMetrics.periodicityIndex(wasm(lefts(0, 20, 40, 45, 65, 85, 105, 300))), 1e-12);
        assertEquals(0.0, NightMetrics.periodicityIndex(wasm(lefts(0, 20))));
        assertNull(NightMetrics.periodicityIndex(wasm(lefts(0))));
        // bounds included: 10 and 90 s
        assertEquals(1.0, NightMetrics.periodicityIndex(wasm(lefts(0, 10, 100, 190))));
        assertEquals(0.0, NightMetrics.periodicityIndex(wasm(lefts(0, 9.999, 99.999, 189.999))), 1e-12,
                "9.999 s leaves a run of two");
    }

    @Test
    void aLongMovementInterruptsAPeriodicityRun() {
        List<LegMovement> ms = new ArrayList<>(lefts(0, 20, 40, 60, 80));
        ms.add(LegMovement.of(50, 62, Leg.LEFT)); // 12 s: breaks, yet 40 -> 60 is a 20 s interval
        // IMIs 20, 20, 20 (across the break: not eligible), 20 -> runs of 2 and 1 -> 0/4
        assertEquals(0.0, NightMetrics.periodicityIndex(wasm(ms)));
    }

    @Test
    void histogramsAndIntervalClasses() {
        // IMIs: 0.8, 10.0, 90.0, 120.0, 1.0
        ScoringResult r = wasm(lefts(0, 0.8 + 0, 10.8, 100.8, 220.8, 221.8));
        // candidates: 0 (1 s movement ending 1.0), 0.8 overlaps same leg but same-leg never merges
        NightMetrics m = NightMetrics.compute(r, 3600, null, null);
        ImiStats imi = m.imi();
        assertEquals(5, imi.total());
        assertEquals(2, imi.below10());
        assertEquals(2, imi.from10To90());
        assertEquals(1, imi.above90());
        assertEquals(2, imi.linear().counts().get(0)); // 0.8 and 1.0
        assertEquals(1, imi.linear().counts().get(5)); // 10.0
        assertEquals(1, imi.linear().counts().get(44)); // 90.0 in the last bin
        assertEquals(1, imi.linear().above());
        assertEquals(1, imi.logarithmic().below()); // 0.8 s
        assertEquals(1, imi.logarithmic().counts().get(0)); // ln 1 = 0
        assertEquals(1, imi.logarithmic().counts().get(23)); // ln 10 = 2.303
        assertEquals(1, imi.logarithmic().counts().get(44)); // ln 90 = 4.4998
        assertEquals(1, imi.logarithmic().above()); // ln 120 = 4.79
        assertEquals(45, imi.linear().counts().size());
    }

    @Test
    void scopesForRecordedAnalysableSleepAndWake() {
        List<LegMovement> ms = new ArrayList<>();
        ms.addAll(lefts(100, 120, 140, 160));      // analysable, wake
        ms.addAll(lefts(2000, 2020, 2040, 2060));  // analysable, sleep
        ms.addAll(lefts(4000, 4020, 4040, 4060));  // not analysable
        ms.addAll(lefts(7300));                    // analysable, sleep, not periodic
        ScoringResult r = wasm(ms);
        List<TimeInterval> an = List.of(new TimeInterval(0, 3600), new TimeInterval(7200, 10800));
        List<TimeInterval> sleep = List.of(new TimeInterval(1800, 9000));
        NightMetrics m = NightMetrics.compute(r, 10800, an, sleep);

        assertEquals(new Scope(10800.0, 13, 13, 12, null, null), m.recorded());
        assertEquals(new Scope(7200.0, 9, 9, 8, null, null), m.analysable());
        assertEquals(4.0, m.analysable().plmPerH(), 1e-12);
        assertEquals(new Scope(3600.0, 5, 5, 4, null, null), m.sleep());
        assertEquals(new Scope(3600.0, 4, 4, 4, null, null), m.wake());
        assertEquals(4.0, m.sleep().plmPerH(), 1e-12);
        assertEquals(List.of(8, 4, 0), m.plmPerHour());
        assertEquals(1.0, m.lmDuration().meanS(), 1e-12);
    }

    @Test
    void unknownDurationsGiveNullRates() {
        NightMetrics m = NightMetrics.compute(wasm(lefts(0, 20, 40, 60)), Double.NaN, null, null);
        assertNull(m.recorded().plmPerH());
        assertNull(m.analysable().durationS());
        assertEquals(4, m.analysable().plm());
        assertNull(m.sleep());
        assertNull(m.wake());
    }

    @Test
    void plmnrAndArousalCountsOnlyWhenSupplied() {
        ScoringContext ctx = new ScoringContext(List.of(new TimeInterval(0, 19)), List.of(new TimeInterval(40.2, 41)));
        ScoringResult r = PlmScorer.scoreAll(lefts(20, 40, 60, 80, 300), ScoringStandard.WASM2016, ctx);
        NightMetrics m = NightMetrics.compute(r, 3600, List.of(new TimeInterval(0, 3600)), null);
        assertEquals(3, m.analysable().plmnr());
        assertEquals(1, m.analysable().plmArousal());
        assertEquals(3.0, m.analysable().plmnrPerH(), 1e-12);
    }

    @Test
    void durationStatsAndLegs() {
        List<LegMovement> ms = List.of(LegMovement.of(0, 1, Leg.LEFT), LegMovement.of(20, 23, Leg.RIGHT),
                LegMovement.of(40, 42, Leg.LEFT), LegMovement.of(42.3, 43, Leg.RIGHT), LegMovement.of(60, 60.2, Leg.LEFT));
        NightMetrics m = NightMetrics.compute(wasm(ms), 3600, null, null);
        DurationStats d = m.lmDuration();
        assertEquals(3, d.n()); // 1 s, 3 s, bilateral 3 s; the 0.2 s one is not an LM, merged members not counted
        assertEquals(7.0 / 3, d.meanS(), 1e-12);
        assertEquals(Math.sqrt((16.0 / 9 + 4.0 / 9 + 4.0 / 9) / 2), d.sdS(), 1e-12);
        assertEquals(1.0, d.minS());
        assertEquals(3.0, d.maxS(), 1e-12);
        assertEquals(List.of(new LegCounts(Leg.LEFT, 1, 1, 0), new LegCounts(Leg.RIGHT, 1, 1, 0),
                new LegCounts(Leg.BILATERAL, 1, 1, 0)), m.legs());
    }
}
