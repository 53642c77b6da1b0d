package org.plmmonitor.analysis.pipeline;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.movement.MovementSource;
import org.plmmonitor.analysis.score.PlmScorer;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.score.ScoringContext;
import org.plmmonitor.analysis.score.ScoringResult;
import org.plmmonitor.analysis.score.ScoringStandard;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModalityJoinTest {
    private static LegMovement accel(double on, double off, double peakG) {
        return new LegMovement(on, off, Leg.LEFT, peakG, peakG / 2, MovementSource.ACCELEROMETER);
    }

    private static LegMovement cuff(double on, double off, double peakMmHg) {
        return new LegMovement(on, off, Leg.LEFT, peakMmHg, peakMmHg / 2, MovementSource.CUFF_PRESSURE);
    }

    @Test
    void whatBothSawIsOneMovementWithTheAccelerometersAmplitude() {
        List<LegMovement> out = new ArrayList<>();
        ModalityJoin j = new ModalityJoin(Set.of(Leg.LEFT), out::add);
        j.add(accel(10, 11.5, 0.2));
        j.add(cuff(10.2, 11.8, 2.5));
        j.closeBefore(12.2);
        assertEquals(List.of(), out, "a movement starting before 12.3 s could still join");
        assertEquals(10, j.openOnsetS());
        j.closeBefore(12.3);
        assertEquals(List.of(new LegMovement(10, 11.8, Leg.LEFT, 0.2, 0.1, MovementSource.ACCELEROMETER_AND_CUFF)), out);
        assertEquals(Double.POSITIVE_INFINITY, j.openOnsetS());
    }

    @Test
    void theGapRuleIsWasmsHalfSecondAndOneModalityIsNeverJoinedWithItself() {
        List<LegMovement> out = new ArrayList<>();
        ModalityJoin j = new ModalityJoin(Set.of(Leg.LEFT), out::add);
        j.add(cuff(20, 21, 1));
        j.add(accel(21.499, 22, 0.1)); // 0.499 s after: joins
        j.add(cuff(22.5, 23, 1));      // 0.5 s after the group: does not
        j.add(cuff(23.2, 24, 1));      // the same modality 0.2 s later: not joined either
        j.closeBefore(Double.POSITIVE_INFINITY);
        assertEquals(List.of(new LegMovement(20, 22, Leg.LEFT, 0.1, 0.05, MovementSource.ACCELEROMETER_AND_CUFF),
                cuff(22.5, 23, 1), cuff(23.2, 24, 1)), out);
    }

    @Test
    void aGroupOfBothTakesEitherModalityAndOtherLegsPassUntouched() {
        List<LegMovement> out = new ArrayList<>();
        ModalityJoin j = new ModalityJoin(Set.of(Leg.LEFT), out::add);
        assertTrue(!j.handles(Leg.RIGHT));
        j.add(accel(30, 31, 0.1));
        j.add(cuff(30.5, 32, 1));
        j.add(accel(32.3, 33, 0.3));
        j.closeBefore(Double.POSITIVE_INFINITY);
        assertEquals(1, out.size(), out.toString());
        LegMovement m = out.get(0);
        assertEquals(30, m.onsetS());
        assertEquals(33, m.offsetS());
        assertEquals(MovementSource.ACCELEROMETER_AND_CUFF, m.source());
        assertEquals(0.3, m.peak(), 1e-12);
        // Weighted by the accelerometer members' 1.7 s, not by the 3-s joined span the cuff widened.
        assertEquals(Math.sqrt((0.05 * 0.05 * 1 + 0.15 * 0.15 * 0.7) / 1.7), m.rms(), 1e-12);
    }

    @Test
    void aBilateralMovementOfAnAnkleAndACuffIsBothAndKeepsItsAmplitudeInG() {
        LegMovement left = new LegMovement(100, 101, Leg.LEFT, 0.05, 0.02, MovementSource.ACCELEROMETER);
        LegMovement right = new LegMovement(100.2, 101.2, Leg.RIGHT, 3.0, 1.5, MovementSource.CUFF_PRESSURE);
        ScoringResult r = PlmScorer.scoreAll(List.of(left, right), ScoringStandard.WASM2016, ScoringContext.NONE);
        ScoredMovement bilateral = r.movements().stream().filter(m -> m.movement().leg() == Leg.BILATERAL).findFirst()
                .orElseThrow(() -> new AssertionError("no bilateral movement in " + r.movements()));
        assertEquals(MovementSource.ACCELEROMETER_AND_CUFF, bilateral.movement().source());
        assertEquals(0.05, bilateral.movement().peak(), 1e-12, "mmHg never enters an amplitude in g");
        assertEquals(0.02, bilateral.movement().rms(), 1e-12);
    }
}
