package org.plmmonitor.analysis.score;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.time.TimeInterval;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.plmmonitor.analysis.score.Fixtures.at;
import static org.plmmonitor.analysis.score.Fixtures.left;
import static org.plmmonitor.analysis.score.Fixtures.lefts;
import static org.plmmonitor.analysis.score.Fixtures.periodic;
import static org.plmmonitor.analysis.score.Fixtures.right;
import static org.plmmonitor.analysis.score.Fixtures.wasm;

class PlmScorerWasmTest {

    @Test
    void intervalsOfExactly10And90SecondsAreInside() {
        ScoringResult r = wasm(lefts(0, 10, 100, 190));
        assertEquals(List.of(true, true, true, true), periodic(r));
        assertEquals(List.of(new PlmSeries(1, 0, 191, 4)), r.series());
        assertNull(at(r, 0).imiS());
        assertEquals(10.0, at(r, 10).imiS());
        assertEquals(90.0, at(r, 100).imiS());
    }

    @Test
    void threeCandidatesAreNoSeriesFourAre() {
        assertEquals(List.of(false, false, false), periodic(wasm(lefts(0, 20, 40))));
        ScoringResult four = wasm(lefts(0, 20, 40, 60));
        assertEquals(List.of(true, true, true, true), periodic(four));
        assertEquals(1, four.series().size());
        assertEquals(4, four.series().get(0).count());
    }

    @Test
    void shortIntervalBreaksAndTheCandidateAfterItStartsANewSeries() {
        // IMIs: 20, 9.999 (short: break), 20, 20, 20
        ScoringResult r = wasm(lefts(0, 20, 29.999, 49.999, 69.999, 89.999));
        assertEquals(List.of(false, false, true, true, true, true), periodic(r));
        assertEquals(9.999, at(r, 29.999).imiS());
        PlmSeries s = r.series().get(0);
        assertEquals(29.999, s.startS(), 1e-9);
        assertEquals(4, s.count());
        // 9.999 + 3 more is only 3 after the break's predecessor run; without the 4th no series at all
        assertEquals(List.of(false, false, false, false, false), periodic(wasm(lefts(0, 20, 29.999, 49.999, 69.999))));
    }

    @Test
    void intervalAbove90Breaks() {
        ScoringResult r = wasm(lefts(0, 90.001, 100.001, 110.001));
        assertEquals(List.of(false, false, false, false), periodic(r));
        ScoringResult r2 = wasm(lefts(0, 90.001, 100.001, 110.001, 120.001));
        assertEquals(List.of(false, true, true, true, true), periodic(r2));
        assertEquals(90.001, r2.series().get(0).startS(), 1e-9);
    }

    @Test
    void aMovementLongerThan10SecondsInsideARunBreaksIt() {
        List<LegMovement> ms = new ArrayList<>(lefts(0, 20, 60, 80, 100));
        ms.add(left(40, 50.1)); // 10.1 s
        ScoringResult r = wasm(ms);
        ScoredMovement longOne = at(r, 40);
        assertFalse(longOne.candidate());
        assertNull(longOne.imiS());
        // runs [0, 20] and [60, 80, 100]: no series
        assertTrue(r.series().isEmpty());
        // the same with a 10.0 s movement is a candidate and the run holds
        List<LegMovement> ok = new ArrayList<>(lefts(0, 20, 60, 80, 100));
        ok.add(left(40, 50.0));
        ScoringResult r2 = wasm(ok);
        assertTrue(at(r2, 40).candidate());
        assertEquals(6, r2.series().get(0).count());
    }

    @Test
    void theCandidateAfterALongMovementMayStartASeries() {
        List<LegMovement> ms = new ArrayList<>(lefts(0, 20, 60, 80, 100, 120));
        ms.add(left(40, 52));
        ScoringResult r = wasm(ms);
        assertEquals(1, r.series().size());
        assertEquals(60, r.series().get(0).startS(), 1e-9);
        assertEquals(40.0, at(r, 60).imiS(), "IMI is still measured from the previous candidate");
    }

    @Test
    void bilateralMergeBelowHalfSecondGapOnly() {
        ScoringResult merged = wasm(List.of(left(0, 1), right(1.499, 2.5)));
        assertEquals(3, merged.movements().size());
        ScoredMovement b = at(merged, 0, Leg.BILATERAL);
        assertTrue(b.candidate());
        assertEquals(2.5, b.movement().offsetS(), 1e-9);
        assertTrue(at(merged, 0, Leg.LEFT).merged());
        assertTrue(at(merged, 1.499, Leg.RIGHT).merged());
        assertFalse(at(merged, 0, Leg.LEFT).candidate());

        ScoringResult apart = wasm(List.of(left(0, 1), right(1.5, 2.5)));
        assertEquals(2, apart.movements().size());
        assertFalse(at(apart, 1.5, Leg.RIGHT).merged());
        assertEquals(1.5, at(apart, 1.5, Leg.RIGHT).imiS());
    }

    @Test
    void sameLegMovementsNeverMerge() {
        ScoringResult r = wasm(List.of(left(0, 1), left(1.2, 2)));
        assertEquals(2, r.movements().size());
        assertTrue(r.movements().stream().noneMatch(ScoredMovement::merged));
    }

    @Test
    void bilateralLongerThan15SecondsIsNotACandidateAndBreaks() {
        ScoringResult ok = wasm(List.of(left(0, 8), right(7, 15)));
        assertTrue(at(ok, 0, Leg.BILATERAL).candidate());
        ScoringResult tooLong = wasm(List.of(left(0, 8), right(7, 15.001)));
        assertFalse(at(tooLong, 0, Leg.BILATERAL).candidate());

        List<LegMovement> run = new ArrayList<>(lefts(-40, -20, 40, 60, 80));
        run.add(left(0, 8));
        run.add(right(7, 15.001));
        assertTrue(wasm(run).series().isEmpty(), "the long bilateral movement breaks the run");
    }

    @Test
    void bilateralOfMoreThanFourMovementsIsNotACandidate() {
        List<LegMovement> four = List.of(left(0, 1), right(0.9, 2), left(1.9, 3), right(2.9, 4));
        ScoredMovement b4 = at(wasm(four), 0, Leg.BILATERAL);
        assertTrue(b4.candidate());
        assertEquals(4, b4.movement().offsetS(), 1e-9);
        List<LegMovement> five = new ArrayList<>(four);
        five.add(left(3.9, 5));
        ScoringResult r5 = wasm(five);
        assertFalse(at(r5, 0, Leg.BILATERAL).candidate());
        assertEquals(6, r5.movements().size(), "five members plus the bilateral movement");
        assertEquals(5, r5.movements().stream().filter(ScoredMovement::merged).count());
    }

    @Test
    void bilateralHoldingAOneLegMovementOver10SecondsIsNotACandidate() {
        ScoringResult r = wasm(List.of(left(0, 10.1), right(10, 11)));
        assertFalse(at(r, 0, Leg.BILATERAL).candidate());
    }

    @Test
    void movementsShorterThanHalfASecondAreNotLegMovements() {
        ScoringResult r = wasm(List.of(left(0, 1), right(1.2, 1.699), left(10, 10.499), left(20, 21), left(40, 41), left(60, 61)));
        assertFalse(at(r, 10).candidate());
        assertFalse(at(r, 1.2, Leg.RIGHT).merged(), "too short to merge");
        assertFalse(at(r, 0).merged());
        assertEquals(List.of(new PlmSeries(1, 0, 61, 4)), r.series(), "neither breaks the run");
    }

    @Test
    void respiratoryWindowEdges() {
        // apnea ends at 120: window [118, 130.25]
        ScoringContext ctx = new ScoringContext(List.of(new TimeInterval(100, 120)), null);
        ScoringResult r = PlmScorer.scoreAll(List.of(left(116, 118), left(140, 141), left(160, 161),
                right(115, 117.999), right(130.25, 131), right(150.251, 151)), ScoringStandard.WASM2016, ctx);
        assertTrue(at(r, 116, Leg.LEFT).respiratory());
        assertFalse(at(r, 115, Leg.RIGHT).respiratory());
        assertTrue(at(r, 130.25, Leg.RIGHT).respiratory());
        ScoringContext ctx2 = new ScoringContext(List.of(new TimeInterval(100, 140)), null); // window [138, 150.25]
        ScoringResult r2 = PlmScorer.scoreAll(List.of(left(150.25, 151), right(150.251, 151)), ScoringStandard.WASM2016, ctx2);
        assertTrue(at(r2, 150.25, Leg.LEFT).respiratory());
        assertFalse(at(r2, 150.251, Leg.RIGHT).respiratory());
    }

    @Test
    void respiratoryCandidatesStillFormSeries() {
        ScoringContext ctx = new ScoringContext(List.of(new TimeInterval(0, 19)), null);
        ScoringResult r = PlmScorer.scoreAll(lefts(20, 40, 60, 80), ScoringStandard.WASM2016, ctx);
        assertTrue(at(r, 20).respiratory());
        assertTrue(at(r, 20).periodic());
    }

    @Test
    void arousalAssociationBelowHalfASecond() {
        ScoringContext ctx = new ScoringContext(null, List.of(new TimeInterval(50, 53)));
        ScoringResult r = PlmScorer.scoreAll(List.of(left(48, 49.501), right(48, 49.5), left(53.499, 54), right(53.5, 54)),
                ScoringStandard.WASM2016, ctx);
        assertTrue(at(r, 48, Leg.LEFT).arousal());
        assertFalse(at(r, 48, Leg.RIGHT).arousal());
        assertTrue(at(r, 53.499, Leg.LEFT).arousal());
        assertFalse(at(r, 53.5, Leg.RIGHT).arousal());
    }

    @Test
    void noContextMeansNoFlags() {
        ScoringResult r = wasm(lefts(0, 20));
        assertTrue(r.movements().stream().noneMatch(m -> m.respiratory() || m.arousal()));
    }

    @Test
    void seriesIdsAreOneBasedInOrder() {
        ScoringResult r = wasm(lefts(0, 20, 40, 60, 200, 220, 240, 260, 280));
        assertEquals(List.of(new PlmSeries(1, 0, 61, 4), new PlmSeries(2, 200, 281, 5)), r.series());
        assertEquals(2, at(r, 280).seriesId());
    }
}
