package org.plmmonitor.analysis.detect;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What PauseJoin lets out: a wandering leg's pieces as one long movement, a rhythmic run's pieces
 * rejected, everything else unchanged.
 */
class PauseJoinTest {
    /** The limb lay still for half a second between two pieces (no test here is about that). */
    private static final double RESTED = PauseJoin.MIN_REST_S;

    private final List<LegMovement> out = new ArrayList<>();
    private final List<LegMovement> rejected = new ArrayList<>();
    private final List<double[]> asked = new ArrayList<>();
    private boolean rhythm;
    /** Where the leg lies (g): every piece offered without rests leaves and ends here. */
    private static final double[] REST = {0, 0, 1};
    private final PauseJoin join = new PauseJoin(new PauseJoin.Sink() {
        @Override
        public void movement(LegMovement m) {
            out.add(m);
        }

        @Override
        public boolean rhythmic(double onsetS, double offsetS) {
            asked.add(new double[]{onsetS, offsetS});
            return rhythm;
        }

        @Override
        public void rejectedAsRhythm(LegMovement piece) {
            rejected.add(piece);
        }
    }, 0.009);

    /**
     * Largest departure of a large movement, g: over the 60 mg under which a piece is small at this
     * 9-mg threshold, so the usual {@link PauseJoin#CONTINUE_S} applies to it, not
     * {@link PauseJoin#SMALL_CONTINUE_S}.
     */
    private static final double LARGE = 0.08;

    private static LegMovement m(double on, double off, double peak) {
        return new LegMovement(on, off, Leg.LEFT, peak, peak / 2);
    }

    /**
     * Offers a piece whose gate opened where its onset lies (no walk-back by the refinement), that left
     * and ended at {@link #REST} (its own rest decides whether it stopped away, {@code endedAway}).
     */
    private void offer(LegMovement m, boolean endedAway) {
        join.offer(m, endedAway, m.onsetS(), RESTED, REST, REST);
    }

    @Test
    void aPieceTheGateOpenedWhileTheOneThatStoppedAwayWasHeldContinuesIt() {
        // The next piece's onset lies 3 s after the pause (over JOIN_S), but the gate opened on it
        // 3.6 s after, before the piece that stopped away could be let go: one wandering movement.
        join.offer(m(100, 106, 0.03), true, 100.4, RESTED, REST, REST);
        join.offer(m(109, 112, 0.03), false, 106 + PauseJoin.CONTINUE_S - 0.4, RESTED, REST, REST);
        join.flush();
        assertEquals(1, out.size(), out.toString());
        assertEquals(100, out.get(0).onsetS(), 1e-9);
        assertEquals(112, out.get(0).offsetS(), 1e-9);
    }

    @Test
    void aPieceClosingContinuesTheHeldOneOnlyIfThatStoppedAwayAndTheGateOpenedInTime() {
        // What AccelerometerDetector asks before lengthening a short burst to where the limb stopped:
        // a burst that continues a piece paused part-way is that movement's next piece, not a new one.
        assertTrue(!join.continuesHeld(107, LARGE), "nothing held");
        join.offer(m(100, 106, LARGE), true, 100.4, RESTED, REST, REST);
        assertTrue(join.continuesHeld(106 + PauseJoin.CONTINUE_S - 0.1, LARGE));
        assertTrue(!join.continuesHeld(106 + PauseJoin.CONTINUE_S + 0.1, LARGE));
        join.flush();
        join.offer(m(200, 206, LARGE), false, 200.4, RESTED, REST, REST);
        assertTrue(!join.continuesHeld(207, LARGE), "the held piece came back to its rest");
    }

    @Test
    void aPieceTheGateOpenedLaterOrAfterAReturnIsItsOwn() {
        join.offer(m(100, 106, LARGE), true, 100.4, RESTED, REST, REST);
        join.offer(m(109, 112, 0.03), false, 106 + PauseJoin.CONTINUE_S, RESTED, REST, REST);
        join.offer(m(200, 206, 0.03), false, 200.4, RESTED, REST, REST);
        join.offer(m(209, 212, 0.03), false, 206 + PauseJoin.CONTINUE_S - 0.4, RESTED, REST, REST);
        join.flush();
        assertEquals(4, out.size(), out.toString());
    }

    @Test
    void aPieceBackWhereThePieceBeforePausedButNotWhereTheLegLayContinuesTheChain() {
        // A wander pauses 20 mg from where the leg lay, moves on and comes back to that pause (its own
        // rest), then moves on again 0.3 s later: the leg never went back to where it lay, one movement.
        double[] paused = {0, 0.02, 1};
        join.offer(m(100, 104, 0.03), true, 100.4, RESTED, REST, paused);
        join.offer(m(104.5, 108, 0.03), false, 104.9, RESTED, paused, new double[]{0, 0.018, 1});
        join.offer(m(108.3, 112, 0.03), false, 108.7, RESTED, new double[]{0, 0.018, 1}, REST);
        join.flush();
        assertEquals(1, out.size(), out.toString());
        assertEquals(100, out.get(0).onsetS(), 1e-9);
        assertEquals(112, out.get(0).offsetS(), 1e-9);
    }

    @Test
    void aTinyPieceThatStoppedNearerItsPeakThanItsRestPausedThoughWithinTheThreshold() {
        // 12.5 mg out, stopped 8.2 mg from where it lay (under the 9-mg threshold): it went back only
        // a third of the way, so the piece that follows 1.2 s later continues it, 15 s in all.
        double[] paused = {0, 0.0082, 1};
        join.offer(m(100, 102.8, 0.0125), false, 100.4, RESTED, REST, paused);
        join.offer(m(104, 115, 0.024), false, 104.4, RESTED, paused, REST);
        join.flush();
        assertEquals(1, out.size(), out.toString());
        assertEquals(100, out.get(0).onsetS(), 1e-9);
        assertEquals(115, out.get(0).offsetS(), 1e-9);
        // Stopped 5 mg away (0.4 of its way out): it came back; two movements.
        out.clear();
        double[] back = {0, 0.005, 1};
        join.offer(m(200, 202.8, 0.0125), false, 200.4, RESTED, REST, back);
        join.offer(m(204, 215, 0.024), false, 204.4, RESTED, back, REST);
        join.flush();
        assertEquals(2, out.size(), out.toString());
    }

    @Test
    void aPieceTheGateOpenedWithinHalfASecondOfADipContinuesItAsOneMovement() {
        // KINEMATIC_DENSE 250000 at 15186: 83 mg out, back to 30 mg (a dip, outside the 15 % band of
        // its peak around the rest), and out again 0.4 s after the gate stopped: WASM ends a movement
        // only at half a second at rest, so the 4.9-s movement is one, not two under ten seconds.
        double[] dip = {0, 0.03, 1};
        join.offer(m(100, 102.3, 0.083), false, 100.3, RESTED, REST, dip);
        join.offer(m(102.36, 104.9, 0.076), false, 102.7, RESTED, dip, REST);
        join.flush();
        assertEquals(1, out.size(), out.toString());
        assertEquals(100, out.get(0).onsetS(), 1e-9);
        assertEquals(104.9, out.get(0).offsetS(), 1e-9);
        assertEquals(0.083, out.get(0).peak(), 1e-9);
        // The same rest after a large fast movement that came back to 12 mg (inside the band of its
        // 460-mg peak: a return, its ringing blurs where it ended): a pair, two movements.
        out.clear();
        double[] back = {0, 0.012, 1};
        join.offer(m(200, 200.8, 0.46), false, 200.1, RESTED, REST, back);
        join.offer(m(201.2, 202.3, 0.3), false, 201.25, RESTED, back, REST);
        join.flush();
        assertEquals(2, out.size(), out.toString());
        // A dip the gate moved on from only after half a second: two.
        out.clear();
        join.offer(m(300, 302.3, 0.083), false, 300.3, RESTED, REST, dip);
        join.offer(m(302.6, 304.9, 0.076), false, 302.8, RESTED, dip, REST);
        join.flush();
        assertEquals(2, out.size(), out.toString());
    }

    @Test
    void aPieceAfterADipWhereTheLimbNeverLayStillForHalfASecondContinuesIt() {
        // KINEMATIC_SMALL 110004 at 16011: 43 mg out, back to 21 mg (a dip), out again to 40 mg. The
        // gate, measuring from where the dip settled, opened on the push out only once the leg had gone
        // the 9-mg onset threshold from there, 0.6-0.7 s after it stopped; but the raw samples never lay
        // still there for half a second less their mean's window: the limb turned back out without
        // resting, one movement (WASM).
        double[] dip = {0, 0.021, 1};
        double notStill = PauseJoin.STILL_REST_S - 0.1;
        join.offer(m(100, 101.6, 0.043), false, 100.3, RESTED, REST, dip);
        join.offer(m(102.1, 103.3, 0.040), false, 102.3, notStill, dip, REST);
        join.flush();
        assertEquals(1, out.size(), out.toString());
        assertEquals(100, out.get(0).onsetS(), 1e-9);
        assertEquals(103.3, out.get(0).offsetS(), 1e-9);
        // The same timing where the limb lay still for that long: it rested in the dip, two movements.
        out.clear();
        join.offer(m(200, 201.6, 0.043), false, 200.3, RESTED, REST, dip);
        join.offer(m(202.1, 203.3, 0.040), false, 202.3, PauseJoin.STILL_REST_S, dip, REST);
        join.flush();
        assertEquals(2, out.size(), out.toString());
        // Not still for long, but the first came back to its rest (no dip): a pair's second movement.
        out.clear();
        double[] back = {0, 0.002, 1};
        join.offer(m(300, 301.6, 0.043), false, 300.3, RESTED, REST, back);
        join.offer(m(302.1, 303.3, 0.040), false, 302.3, notStill, back, REST);
        join.flush();
        assertEquals(2, out.size(), out.toString());
    }

    @Test
    void aDipWithinTheOnsetThresholdOfTheRestThatTheLimbTurnedOutOfWithoutRestingContinues() {
        // KINEMATIC_DENSE 250004 at 260.9: 34 mg out, back to 7 mg from the rest (inside the 9-mg tilt
        // onset threshold, so the piece did not stop "away" and would end its chain), and out again
        // for 11 s. The raw samples never lay still there for STILL_REST_S: the limb turned out of
        // the dip without resting, one movement (WASM), here over ten seconds: a long one.
        double[] dip = {0, 0.007, 1};
        join.offer(m(100, 103.9, 0.034), false, 100.3, RESTED, REST, dip);
        join.offer(m(105.1, 116, 0.034), false, 105.3, PauseJoin.STILL_REST_S - 0.2, dip, REST);
        join.flush();
        assertEquals(1, out.size(), out.toString());
        assertEquals(100, out.get(0).onsetS(), 1e-9);
        assertEquals(116, out.get(0).offsetS(), 1e-9);
        // Where it lay still that long, it rested: two.
        out.clear();
        join.offer(m(200, 203.9, 0.034), false, 200.3, RESTED, REST, dip);
        join.offer(m(205.1, 216, 0.034), false, 205.3, PauseJoin.STILL_REST_S, dip, REST);
        join.flush();
        assertEquals(2, out.size(), out.toString());
    }

    @Test
    void aPieceBackWhereTheLegLayEndsTheChain() {
        double[] paused = {0, 0.02, 1};
        join.offer(m(100, 104, 0.03), true, 100.4, RESTED, REST, paused);
        join.offer(m(104.5, 108, 0.03), false, 104.9, RESTED, paused, new double[]{0, 0.003, 1});
        join.offer(m(108.3, 112, 0.03), false, 108.7, RESTED, new double[]{0, 0.003, 1}, REST);
        join.flush();
        assertEquals(3, out.size(), out.toString());
    }

    @Test
    void piecesThatPauseAwayAndTogetherLastOverTenSecondsLeaveAsOneLongMovement() {
        offer(m(100, 103.5, 0.05), true);
        offer(m(104.2, 108, 0.08), true);
        offer(m(109.5, 114, 0.03), false);
        join.flush();
        assertEquals(1, out.size(), out.toString());
        LegMovement one = out.get(0);
        assertEquals(100, one.onsetS(), 1e-9);
        assertEquals(114, one.offsetS(), 1e-9);
        assertEquals(0.08, one.peak(), 1e-9);
        assertEquals(0.04, one.rms(), 1e-9);
    }

    @Test
    void aPairWithARealRestBetweenStaysTwoEvenWhenItSpansOverTenSeconds() {
        offer(m(100, 105, 0.05), false);
        assertTrue(out.isEmpty(), "held: it could begin a run");
        offer(m(105.8, 111, 0.05), false);
        join.flush();
        assertEquals(List.of(m(100, 105, 0.05), m(105.8, 111, 0.05)), out);
    }

    @Test
    void aMovementThatCameBackIsHeldAtMostTheJoinGapWhileNothingIsUnderWay() {
        offer(m(100, 101, 0.05), false);
        join.expire(99, 101 + PauseJoin.JOIN_S - 0.01);
        assertTrue(out.isEmpty(), "the next piece of a run could still begin");
        join.expire(99, 101 + PauseJoin.JOIN_S);
        assertEquals(List.of(m(100, 101, 0.05)), out);
    }

    @Test
    void aMovementThatCameBackWaitsForOneAlreadyUnderWay() {
        offer(m(100, 101, 0.05), false);
        join.expire(101 + PauseJoin.JOIN_S - 0.01, Double.NaN);
        assertTrue(out.isEmpty(), "a movement under way may join it");
        offer(m(102, 103, 0.05), false);
        join.expire(103 + PauseJoin.JOIN_S, Double.NaN);
        assertEquals(List.of(m(100, 101, 0.05), m(102, 103, 0.05)), out);
    }

    @Test
    void aMovementThatStoppedAwayIsHeldUntilNothingCanJoinIt() {
        offer(m(100, 103, LARGE), true);
        join.expire(103 + PauseJoin.JOIN_S - 0.01, 110);
        assertTrue(out.isEmpty(), "the gate's quiet does not end a chain: the watermark does");
        join.expire(103 + PauseJoin.JOIN_S, 110);
        assertEquals(List.of(m(100, 103, LARGE)), out);
    }

    @Test
    void aSmallMovementThatStoppedAwayIsHeldUntilTheGateCanNoLongerOpenOnItsNextPiece() {
        // 50 mg: the gate opens on a small wander's next piece seconds late, so it waits for it longer.
        double hold = PauseJoin.SMALL_CONTINUE_S - AccelerometerDetector.REFINE_BACK_S;
        offer(m(100, 103, 0.05), true);
        join.expire(103 + hold - 0.01, 110);
        assertTrue(out.isEmpty(), "a piece the gate opens on within SMALL_CONTINUE_S may still continue it");
        join.expire(103 + hold, 110);
        assertEquals(List.of(m(100, 103, 0.05)), out);
    }

    @Test
    void aSmallPieceThatStoppedAwayIsContinuedByOneTheGateOpenedOnWithinTheLongerGap() {
        // A 12-mg piece paused 9.5 mg away; the gate opened on the next 7.6 s later (over CONTINUE_S):
        // one movement of 19 s. The same 7.6 s after a 90-mg piece: two movements.
        double[] paused = {0, 0.0095, 1};
        join.offer(m(100, 102.8, 0.012), false, 101, RESTED, REST, paused);
        join.offer(m(110, 119, 0.024), false, 102.8 + PauseJoin.SMALL_CONTINUE_S - 0.4, RESTED, paused, REST);
        join.flush();
        assertEquals(1, out.size(), out.toString());
        assertEquals(100, out.get(0).onsetS(), 1e-9);
        assertEquals(119, out.get(0).offsetS(), 1e-9);
        out.clear();
        join.offer(m(200, 202.8, 0.09), false, 201, RESTED, REST, paused);
        join.offer(m(210, 219, 0.024), false, 202.8 + PauseJoin.SMALL_CONTINUE_S - 0.4, RESTED, paused, REST);
        join.flush();
        assertEquals(2, out.size(), out.toString());
        out.clear();
        join.offer(m(300, 302.8, 0.012), false, 301, RESTED, REST, paused);
        join.offer(m(310, 319, 0.024), false, 302.8 + PauseJoin.SMALL_CONTINUE_S, RESTED, paused, REST);
        join.flush();
        assertEquals(2, out.size(), "the gate opened SMALL_CONTINUE_S after: " + out);
    }

    @Test
    void aLargePieceLongerThanTheUsualGapAfterASmallOneThatStoppedAwayIsTheNextMovement() {
        // A 12-mg piece paused 9.5 mg away; 7.6 s later the gate opens on a 90-mg piece: a new
        // movement (the next of a dense series), not the small wander moving on. Within the usual
        // CONTINUE_S it still continues it (one movement of 12 s: pieces that join leave as one only
        // when together they last over 10 s).
        double[] paused = {0, 0.0095, 1};
        join.offer(m(100, 102.8, 0.012), false, 101, RESTED, REST, paused);
        join.offer(m(110, 116, 0.09), false, 102.8 + PauseJoin.SMALL_CONTINUE_S - 0.4, RESTED, paused, REST);
        join.flush();
        assertEquals(List.of(m(100, 102.8, 0.012), m(110, 116, 0.09)), out);
        out.clear();
        join.offer(m(200, 202.8, 0.012), false, 201, RESTED, REST, paused);
        join.offer(m(206, 212, 0.09), false, 202.8 + PauseJoin.CONTINUE_S - 0.4, RESTED, paused, REST);
        join.flush();
        assertEquals(1, out.size(), out.toString());
        assertEquals(212, out.get(0).offsetS(), 1e-9);
    }

    @Test
    void aTremorCutIntoPiecesThatEachCameBackIsRejectedAsOneRhythm() {
        rhythm = true;
        double t = 100;
        for (int i = 0; i < 6; i++) {
            offer(m(t, t + 1, 0.02), false);
            join.expire(t, t + 1 + PauseJoin.JOIN_S - 0.5);
            t += 1.5;
        }
        join.expire(t + PauseJoin.JOIN_S, Double.NaN);
        assertTrue(out.isEmpty(), out.toString());
        assertEquals(6, rejected.size());
        assertEquals(List.of(100.0, t - 0.5), List.of(asked.get(0)[0], asked.get(0)[1]));
    }

    @Test
    void aShortRunLeavesPieceByPieceOnceNothingCanJoinIt() {
        offer(m(100, 103, LARGE), true);
        offer(m(104, 107, LARGE), true);
        join.expire(107 + PauseJoin.JOIN_S - 0.01, Double.NaN);
        assertTrue(out.isEmpty(), "a piece could still join");
        assertEquals(100, join.heldOnsetS(), 1e-9);
        join.expire(107 + PauseJoin.JOIN_S, Double.NaN);
        assertEquals(List.of(m(100, 103, LARGE), m(104, 107, LARGE)), out);
        assertTrue(Double.isNaN(join.heldOnsetS()));
    }

    @Test
    void piecesFurtherApartThanTheJoinGapAreSeparateMovements() {
        offer(m(100, 106, LARGE), true);
        // Apart on both measures: the onset by the join gap, the gate's opening by the continuation
        // gap (accel-2.6: a piece the gate opened earlier, while this one was held, continues it).
        join.offer(m(106 + PauseJoin.JOIN_S, 112, 0.05), true, 106 + PauseJoin.CONTINUE_S, RESTED, REST, REST);
        join.flush();
        assertEquals(2, out.size());
    }

    @Test
    void aRunIsLetGoOnceItWouldSpanMoreThanTheBound() {
        double t = 100;
        for (int i = 0; i < 6; i++) {
            offer(m(t, t + 4.5, 0.05), true);
            t += 5;
        }
        join.flush();
        // 100-124.5 spans 24.5 s (one run); the sixth piece would take it to 29.5 s and starts a run of its own.
        assertEquals(2, out.size(), out.toString());
        assertEquals(124.5, out.get(0).offsetS(), 1e-9);
        assertEquals(125, out.get(1).onsetS(), 1e-9);
    }

    @Test
    void aRunOfShortPiecesWithOneSteadyRhythmIsRejectedPieceByPiece() {
        rhythm = true;
        offer(m(100, 101, 0.03), true);
        offer(m(101.4, 102.5, 0.03), false);
        offer(m(102.9, 104, 0.03), true);
        offer(m(104.3, 106.5, 0.03), false);
        join.expire(106.5 + PauseJoin.JOIN_S, Double.NaN);
        assertTrue(out.isEmpty(), out.toString());
        assertEquals(4, rejected.size());
        assertEquals(1, asked.size());
        assertEquals(100, asked.get(0)[0], 1e-9);
        assertEquals(106.5, asked.get(0)[1], 1e-9);
    }

    @Test
    void runsShorterThanTheRhythmWindowAreNotJudgedForRhythm() {
        rhythm = true;
        offer(m(100, 101, 0.03), true);
        offer(m(101.4, 105.9, 0.03), false);
        join.flush();
        assertTrue(asked.isEmpty());
        assertEquals(2, out.size());
        assertTrue(rejected.isEmpty());
    }

    @Test
    void aRhythmicLookingRunThatIsNotRhythmicLeavesAsBefore() {
        offer(m(100, 101, 0.03), true);
        offer(m(101.4, 107.5, 0.03), false);
        join.flush();
        assertEquals(1, asked.size());
        assertEquals(2, out.size());
    }

    @Test
    void aTremorsFirstTurnCutOffBeforeTheRestWasJudgedRhythmicGoesWithIt() {
        rhythm = true;
        offer(m(100, 101.7, 0.015), false);
        join.rhythmFollows(102.1, 114.2);
        assertEquals(1, asked.size());
        assertEquals(List.of(100.0, 114.2), List.of(asked.get(0)[0], asked.get(0)[1]));
        assertEquals(List.of(m(100, 101.7, 0.015)), rejected);
        join.flush();
        assertTrue(out.isEmpty(), out.toString());
        assertTrue(Double.isNaN(join.heldOnsetS()));
    }

    @Test
    void aMovementBeforeARhythmicOneStaysWhenTheTwoAreNotOneRhythm() {
        offer(m(100, 101.7, 0.05), false);
        join.rhythmFollows(102.1, 114.2);
        assertEquals(1, asked.size());
        assertTrue(rejected.isEmpty());
        join.flush();
        assertEquals(List.of(m(100, 101.7, 0.05)), out);
    }

    @Test
    void aRhythmicMovementFurtherThanTheJoinGapAfterTheRunLeavesItAlone() {
        rhythm = true;
        offer(m(100, 101.7, 0.02), false);
        join.rhythmFollows(101.7 + PauseJoin.JOIN_S, 115);
        assertTrue(asked.isEmpty());
        assertTrue(rejected.isEmpty());
        join.flush();
        assertEquals(List.of(m(100, 101.7, 0.02)), out);
    }
}
