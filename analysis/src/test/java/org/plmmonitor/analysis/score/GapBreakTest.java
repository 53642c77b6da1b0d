package org.plmmonitor.analysis.score;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A gap in the signal inside a run: no interval may span what was not recorded. */
class GapBreakTest {
    static final List<LegMovement> RUN = List.of(
            LegMovement.of(0, 1, Leg.LEFT), LegMovement.of(20, 21, Leg.LEFT), LegMovement.of(40, 41, Leg.LEFT),
            LegMovement.of(60, 61, Leg.LEFT), LegMovement.of(80, 81, Leg.LEFT));

    @Test
    void withoutAGapFiveMovementsTwentySecondsApartAreOneSeries() {
        ScoringResult r = PlmScorer.scoreAll(RUN, ScoringStandard.WASM2016, ScoringContext.NONE, List.of());
        assertEquals(1, r.series().size());
        assertEquals(5, r.series().get(0).count());
    }

    @Test
    void aGapBetweenTheSecondAndThirdBreaksTheRunAndTheNextHasNoInterval() {
        ScoringResult r = PlmScorer.scoreAll(RUN, ScoringStandard.WASM2016, ScoringContext.NONE, List.of(30.0));
        assertEquals(List.of(), r.series(), "2 + 3 candidates either side of a gap are no series");
        ScoredMovement third = r.movements().get(2);
        assertNull(third.imiS(), "the interval across a gap is unknown");
        assertTrue(r.movements().stream().noneMatch(ScoredMovement::periodic));
    }

    @Test
    void aGapAfterTheFourthLeavesTheFirstFourASeriesAndTheFifthOutside() {
        ScoringResult r = PlmScorer.scoreAll(RUN, ScoringStandard.WASM2016, ScoringContext.NONE, List.of(70.0));
        assertEquals(1, r.series().size());
        assertEquals(4, r.series().get(0).count());
        assertEquals(false, r.movements().get(4).periodic());
    }

    @Test
    void aGapEndsAnOpenBilateralGroup() {
        List<LegMovement> ms = List.of(LegMovement.of(10, 11, Leg.LEFT), LegMovement.of(11.2, 12, Leg.RIGHT));
        ScoringResult merged = PlmScorer.scoreAll(ms, ScoringStandard.WASM2016, ScoringContext.NONE, List.of());
        assertTrue(merged.movements().stream().anyMatch(m -> m.movement().leg() == Leg.BILATERAL));
        ScoringResult cut = PlmScorer.scoreAll(ms, ScoringStandard.WASM2016, ScoringContext.NONE, List.of(11.1));
        assertTrue(cut.movements().stream().noneMatch(m -> m.movement().leg() == Leg.BILATERAL));
    }

    @Test
    void streamingBreakAtEqualsBatch() {
        List<ScoredMovement> decided = new java.util.ArrayList<>();
        PlmScorer s = new PlmScorer(ScoringStandard.WASM2016, ScoringContext.NONE, (m, d) -> {
            if (d) {
                decided.add(m);
            }
        });
        for (LegMovement m : RUN) {
            if (m.onsetS() == 40) {
                s.breakAt(30);
            }
            s.accept(m);
        }
        s.finish();
        decided.sort(java.util.Comparator.comparingDouble(ScoredMovement::onsetS));
        assertEquals(PlmScorer.scoreAll(RUN, ScoringStandard.WASM2016, ScoringContext.NONE, List.of(30.0)).movements(), decided);
    }
}
