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
        // The movement at 20 s is respiration-related (window 17-29.25 s). PLMnr takes it out and scores
        // the rest again: 40, 60, 80 are three candidates, no series, so PLMnr is 0 (WASM 2016 as PLMScoRe,
        // MATPLM and SOMAS read it; the earlier reading "periodic and not respiration-related" gave 3).
        assertEquals(4, m.analysable().plm());
        assertEquals(0, m.analysable().plmnr());
        assertEquals(1, m.analysable().plmArousal());
        assertEquals(0.0, m.analysable().plmnrPerH(), 1e-12);
        NightMetrics none = NightMetrics.compute(PlmScorer.scoreAll(lefts(20, 40, 60, 80, 300),
                ScoringStandard.WASM2016, ScoringContext.NONE), 3600, null, null);
        assertNull(none.analysable().plmnr());
        assertNull(none.analysable().plmArousal());
    }

    @Test
    void plmnrJoinsASeriesThatARespiratoryMovementBroke() {
        // 45 s follows 40 s by 5 s: with it, 0-20-40 and 45-65-85 are runs of three, no PLM.
        // It ends 1 s after an apnea that ends at 44 s: respiration-related. Without it,
        // 0, 20, 40, 65, 85 are one series of five: PLMnr 5 although PLM is 0.
        ScoringContext ctx = new ScoringContext(List.of(new TimeInterval(30, 44)), null);
        ScoringResult r = PlmScorer.scoreAll(lefts(0, 20, 40, 45, 65, 85), ScoringStandard.WASM2016, ctx);
        NightMetrics m = NightMetrics.compute(r, 3600, List.of(new TimeInterval(0, 3600)), null);
        assertEquals(0, m.analysable().plm());
        assertEquals(5, m.analysable().plmnr());
    }

    @Test
    void plmnrSplitsASeriesWhenARespiratoryMovementHeldItTogether() {
        // IMIs of 50 s: one series of six. Taking out the one at 100 s leaves a 100 s interval:
        // runs of two and three, no PLMnr.
        ScoringContext ctx = new ScoringContext(List.of(new TimeInterval(80, 99.5)), null);
        ScoringResult r = PlmScorer.scoreAll(lefts(0, 50, 100, 150, 200, 250), ScoringStandard.WASM2016, ctx);
        NightMetrics m = NightMetrics.compute(r, 3600, List.of(new TimeInterval(0, 3600)), List.of(new TimeInterval(0, 3600)));
        assertEquals(6, m.analysable().plm());
        assertEquals(0, m.analysable().plmnr());
        assertEquals(0, m.sleep().plmnr());
    }

    @Test
    void plmnrKeepsTheBreakOfALongMovement() {
        // the respiration-related 50 s candidate is taken out, the 12 s movement at 62 s still breaks
        ScoringContext ctx = new ScoringContext(List.of(new TimeInterval(40, 49)), null);
        List<LegMovement> ms = new ArrayList<>(lefts(0, 20, 40, 50, 80, 100, 120));
        ms.add(LegMovement.of(62, 74, Leg.LEFT));
        ScoringResult r = PlmScorer.scoreAll(ms, ScoringStandard.WASM2016, ctx);
        NightMetrics m = NightMetrics.compute(r, 3600, null, null);
        assertEquals(0, m.analysable().plmnr(), "0-20-40 and 80-100-120 are runs of three either side of the break");
    }

    @Test
    void unscoredEpochsCountAsNeitherSleepNorWake() {
        List<LegMovement> ms = new ArrayList<>();
        ms.addAll(lefts(100, 120, 140, 160));      // sleep
        ms.addAll(lefts(1900, 1920, 1940, 1960));  // wake
        ms.addAll(lefts(2800, 2820, 2840, 2860));  // unscored epochs
        ScoringResult r = wasm(ms);
        List<TimeInterval> an = List.of(new TimeInterval(0, 3600));
        List<TimeInterval> sleep = List.of(new TimeInterval(0, 1800));
        List<TimeInterval> wake = List.of(new TimeInterval(1800, 2700));
        NightMetrics m = NightMetrics.compute(r, 3600, an, sleep, wake);
        assertEquals(new Scope(1800.0, 4, 4, 4, null, null), m.sleep());
        assertEquals(new Scope(900.0, 4, 4, 4, null, null), m.wake());
        assertEquals(16.0, m.wake().plmPerH(), 1e-12);
        assertEquals(12, m.analysable().plm());
        // without the staged wake, wake is everything outside sleep: the unscored stretch joins it
        NightMetrics old = NightMetrics.compute(r, 3600, an, sleep);
        assertEquals(new Scope(1800.0, 8, 8, 8, null, null), old.wake());
    }

    @Test
    void stagedWakeStaysInsideAnalysableTimeAndOutsideSleep() {
        ScoringResult r = wasm(lefts(100, 120, 140, 160));
        List<TimeInterval> an = List.of(new TimeInterval(0, 1000));
        NightMetrics m = NightMetrics.compute(r, 2000, an, List.of(new TimeInterval(0, 300)),
                List.of(new TimeInterval(200, 1500)));
        assertEquals(700.0, m.wake().durationS(), 1e-9);
        assertEquals(0, m.wake().lm());
        assertEquals(4, m.sleep().lm());
    }

    @Test
    void periodicityIndexOverSleepTakesOnlyIntervalsBetweenTwoSleepCandidates() {
        // candidates 0, 20, 40, 60 in sleep; 80 in wake; 100, 120 in sleep; 300 in sleep.
        // Sleep IMIs: 20, 20, 20 (a run of three), 20 (100->120) and 180 (120->300);
        // 60->80 and 80->100 leave or enter sleep: left out, and they end the run. -> 3/5
        ScoringResult r = wasm(lefts(0, 20, 40, 60, 80, 100, 120, 300));
        List<TimeInterval> sleep = List.of(new TimeInterval(0, 70), new TimeInterval(90, 3600));
        NightMetrics m = NightMetrics.compute(r, 3600, List.of(new TimeInterval(0, 3600)), sleep);
        assertEquals(3.0 / 5, m.periodicityIndexSleep(), 1e-12);
        assertEquals(6.0 / 7, m.periodicityIndex(), 1e-12, "whole night: IMIs 20 x6 in one run, then 180");
        assertNull(NightMetrics.compute(r, 3600, null, null).periodicityIndexSleep());
        assertNull(NightMetrics.compute(r, 3600, null, List.of(new TimeInterval(3000, 3600))).periodicityIndexSleep());
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
