package org.plmmonitor.analysis.detect;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What PauseJoin lets out: a wandering leg's pieces as one long movement, everything else unchanged. */
class PauseJoinTest {
    private final List<LegMovement> out = new ArrayList<>();
    private final PauseJoin join = new PauseJoin(out::add);

    private static LegMovement m(double on, double off, double peak) {
        return new LegMovement(on, off, Leg.LEFT, peak, peak / 2);
    }

    @Test
    void piecesThatPauseAwayAndTogetherLastOverTenSecondsLeaveAsOneLongMovement() {
        join.offer(m(100, 103.5, 0.05), true);
        join.offer(m(104.2, 108, 0.08), true);
        join.offer(m(109.5, 114, 0.03), false);
        assertEquals(1, out.size(), "a piece that came back ends the run: " + out);
        LegMovement one = out.get(0);
        assertEquals(100, one.onsetS(), 1e-9);
        assertEquals(114, one.offsetS(), 1e-9);
        assertEquals(0.08, one.peak(), 1e-9);
        assertEquals(0.04, one.rms(), 1e-9);
    }

    @Test
    void aPairWithARealRestBetweenStaysTwoEvenWhenItSpansOverTenSeconds() {
        join.offer(m(100, 105, 0.05), false);
        assertEquals(List.of(m(100, 105, 0.05)), out, "a movement that came back leaves at once");
        join.offer(m(105.8, 111, 0.05), false);
        join.flush();
        assertEquals(List.of(m(100, 105, 0.05), m(105.8, 111, 0.05)), out);
    }

    @Test
    void aShortRunLeavesPieceByPieceOnceNothingCanJoinIt() {
        join.offer(m(100, 103, 0.05), true);
        join.offer(m(104, 107, 0.05), true);
        join.expire(107 + PauseJoin.JOIN_S - 0.01);
        assertTrue(out.isEmpty(), "a piece could still join");
        assertEquals(100, join.heldOnsetS(), 1e-9);
        join.expire(107 + PauseJoin.JOIN_S);
        assertEquals(List.of(m(100, 103, 0.05), m(104, 107, 0.05)), out);
        assertTrue(Double.isNaN(join.heldOnsetS()));
    }

    @Test
    void piecesFurtherApartThanTheJoinGapAreSeparateMovements() {
        join.offer(m(100, 106, 0.05), true);
        join.offer(m(106 + PauseJoin.JOIN_S, 112, 0.05), true);
        join.flush();
        assertEquals(2, out.size());
    }

    @Test
    void aRunIsLetGoOnceItWouldSpanMoreThanTheBound() {
        double t = 100;
        for (int i = 0; i < 6; i++) {
            join.offer(m(t, t + 4.5, 0.05), true);
            t += 5;
        }
        join.flush();
        // 100-124.5 spans 24.5 s (one run); the sixth piece would take it to 29.5 s and starts a run of its own.
        assertEquals(2, out.size(), out.toString());
        assertEquals(124.5, out.get(0).offsetS(), 1e-9);
        assertEquals(125, out.get(1).onsetS(), 1e-9);
    }
}
