package org.plmmonitor.analysis.sim;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.sim.TruthEvent.Kind;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Matching, timing errors and the merged/split/long counts the family benchmark reports. */
class EvaluationTest {
    private static TruthEvent truth(double on, double off) {
        return new TruthEvent(on, off, Leg.LEFT, Kind.PERIODIC_LM, true, 0.05);
    }

    private static LegMovement det(double on, double off) {
        return LegMovement.of(on, off, Leg.LEFT);
    }

    @Test
    void matchesCarryTheTimingErrorsAndAgreeWithTheCounts() {
        List<TruthEvent> t = List.of(truth(10, 12), truth(30, 31), truth(50, 52));
        List<LegMovement> d = List.of(det(10.2, 11.7), det(30.05, 31.4), det(80, 81));
        List<Evaluation.Match> m = Evaluation.matches(d, t, Leg.LEFT);
        assertEquals(2, m.size());
        assertEquals(0.2, m.get(0).onsetErrorS(), 1e-9);
        assertEquals(-0.3, m.get(0).offsetErrorS(), 1e-9);
        assertEquals(0.4, m.get(1).offsetErrorS(), 1e-9);
        assertEquals(new Evaluation.Agreement(2, 1, 1), Evaluation.compare(d, t, Leg.LEFT));
        assertEquals(new Evaluation.Agreement(0, 0, 0), Evaluation.compare(d, t, Leg.RIGHT));
    }

    @Test
    void aDetectionOverTwoMovementsIsMergedAndTwoOverOneAreSplit() {
        List<TruthEvent> t = List.of(truth(10, 11), truth(12, 13), truth(40, 44));
        List<LegMovement> d = List.of(det(10, 13), det(40, 41.5), det(42.5, 44));
        Evaluation.Structure s = Evaluation.structure(d, t, Leg.LEFT);
        assertEquals(new Evaluation.Structure(1, 1, 0, 0, 0), s);
    }

    @Test
    void aLongMovementCutIntoCandidatesIsCountedWithItsFragments() {
        List<TruthEvent> t = List.of(truth(100, 118), truth(200, 215));
        List<LegMovement> d = List.of(det(100, 104), det(105, 109), det(112, 118), det(200, 215));
        Evaluation.Structure s = Evaluation.structure(d, t, Leg.LEFT);
        assertEquals(new Evaluation.Structure(0, 0, 2, 1, 3), s);
    }
}
