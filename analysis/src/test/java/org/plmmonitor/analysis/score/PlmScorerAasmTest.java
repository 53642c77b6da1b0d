package org.plmmonitor.analysis.score;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.time.TimeInterval;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.plmmonitor.analysis.score.Fixtures.aasm;
import static org.plmmonitor.analysis.score.Fixtures.at;
import static org.plmmonitor.analysis.score.Fixtures.left;
import static org.plmmonitor.analysis.score.Fixtures.lefts;
import static org.plmmonitor.analysis.score.Fixtures.periodic;
import static org.plmmonitor.analysis.score.Fixtures.right;
import static org.plmmonitor.analysis.score.Fixtures.wasm;

class PlmScorerAasmTest {

    @Test
    void intervalOf5SecondsIsInsideUnderAasmOnly() {
        List<LegMovement> ms = lefts(0, 5, 10, 15);
        assertEquals(List.of(true, true, true, true), periodic(aasm(ms)));
        assertTrue(wasm(ms).series().isEmpty());
    }

    @Test
    void intervalUnder5SecondsDropsTheMovementWithoutBreakingTheRun() {
        ScoringResult r = aasm(lefts(0, 4.999, 10, 20, 30));
        ScoredMovement dropped = at(r, 4.999);
        assertFalse(dropped.candidate());
        assertFalse(dropped.periodic());
        assertEquals(4.999, dropped.imiS());
        assertEquals(10.0, at(r, 10).imiS(), "measured from the last kept candidate");
        assertEquals(List.of(new PlmSeries(1, 0, 31, 4)), r.series());
    }

    @Test
    void interval90IsInside90001Outside() {
        assertEquals(1, aasm(lefts(0, 90, 180, 270)).series().size());
        assertTrue(aasm(lefts(0, 90.001, 180.001, 270.001)).series().isEmpty());
    }

    @Test
    void twoLegOnsetsUnder5SecondsCountAsOne() {
        ScoringResult one = aasm(List.of(left(0, 1), right(4.999, 6)));
        ScoredMovement b = at(one, 0, Leg.BILATERAL);
        assertTrue(b.candidate());
        assertEquals(6, b.movement().offsetS(), 1e-9);
        ScoringResult two = aasm(List.of(left(0, 1), right(5, 6)));
        assertEquals(2, two.movements().size());
        assertTrue(at(two, 5, Leg.RIGHT).candidate());
    }

    @Test
    void movementOver10SecondsIsNotAnLmAndDoesNotBreak() {
        List<LegMovement> ms = new ArrayList<>(lefts(0, 20, 60, 80));
        ms.add(left(40, 52));
        ScoringResult r = aasm(ms);
        assertFalse(at(r, 40).candidate());
        assertEquals(List.of(new PlmSeries(1, 0, 81, 4)), r.series());
        assertTrue(wasm(ms).series().isEmpty(), "WASM breaks on it");
    }

    @Test
    void movementWithinHalfASecondOfApneaIsNotScored() {
        ScoringContext ctx = new ScoringContext(List.of(new TimeInterval(100, 110)), null);
        ScoringResult r = PlmScorer.scoreAll(List.of(left(98, 99.5), right(98, 99.499), left(110.5, 111), right(110.501, 112)),
                ScoringStandard.AASM, ctx);
        assertTrue(at(r, 98, Leg.LEFT).respiratory());
        assertFalse(at(r, 98, Leg.LEFT).candidate());
        assertFalse(at(r, 98, Leg.RIGHT).respiratory());
        assertTrue(at(r, 110.5, Leg.LEFT).respiratory());
        assertFalse(at(r, 110.501, Leg.RIGHT).respiratory());
    }
}
