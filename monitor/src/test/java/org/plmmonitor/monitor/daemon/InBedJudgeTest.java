package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Epoch;
import org.plmmonitor.analysis.movement.Leg;

import java.util.EnumSet;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In bed while either leg lies with its sensor worn; out once neither does (or the lying one fell silent). */
class InBedJudgeTest {
    private static final Epoch.State LYING = Epoch.State.ANALYSABLE;
    private static final Epoch.State UNWORN = Epoch.State.UNWORN;
    private static final Epoch.State UPRIGHT = Epoch.State.UPRIGHT;

    private final InBedJudge both = new InBedJudge(EnumSet.of(Leg.LEFT, Leg.RIGHT));

    /** One-second epochs of one leg from {@code fromS} (inclusive) to {@code toS} (exclusive). */
    private static void feed(InBedJudge j, Leg leg, int fromS, int toS, Epoch.State state) {
        for (int t = fromS; t < toS; t++) {
            j.epoch(leg, new Epoch(t, t + 1, 0.001, state));
        }
    }

    /** Both legs, second by second, as the detectors deliver them. */
    private void feedBoth(int fromS, int toS, Epoch.State left, Epoch.State right) {
        for (int t = fromS; t < toS; t++) {
            both.epoch(Leg.LEFT, new Epoch(t, t + 1, 0.001, left));
            both.epoch(Leg.RIGHT, new Epoch(t, t + 1, 0.001, right));
        }
    }

    @Test
    void eitherLegLyingWornLongEnoughOpensWhereItsLyingBegan() {
        feedBoth(0, 100, UNWORN, UPRIGHT);
        feedBoth(100, 399, UNWORN, LYING);
        assertEquals(OptionalDouble.empty(), both.lyingFor(300), "299 s of lying is not yet 300");
        feedBoth(399, 400, UNWORN, LYING);
        assertEquals(OptionalDouble.of(100), both.lyingFor(300), "the left sensor on the nightstand does not matter");
    }

    @Test
    void theEarlierOfTwoLyingLegsSetsTheStart() {
        feedBoth(0, 50, UPRIGHT, UPRIGHT);
        feedBoth(50, 80, UPRIGHT, LYING);
        feedBoth(80, 500, LYING, LYING);
        assertEquals(OptionalDouble.of(50), both.lyingFor(300));
    }

    @Test
    void aStrapComingOffDoesNotEndTheNightWhileTheOtherLegLies() {
        feedBoth(0, 1000, LYING, LYING);
        feedBoth(1000, 4000, UNWORN, LYING);
        assertEquals(OptionalDouble.empty(), both.outFor(1200), "right still lies: in bed");
        feedBoth(4000, 5199, UNWORN, UPRIGHT);
        assertEquals(OptionalDouble.empty(), both.outFor(1200), "1199 s out of bed is not yet 1200");
        feedBoth(5199, 5200, UNWORN, UPRIGHT);
        assertEquals(OptionalDouble.of(4000), both.outFor(1200), "out from where the last leg left the bed");
    }

    @Test
    void aBathroomTripShorterThanTheConfirmationDoesNotCount() {
        feedBoth(0, 1000, LYING, LYING);
        feedBoth(1000, 1600, UPRIGHT, UPRIGHT);
        feedBoth(1600, 3000, LYING, LYING);
        assertEquals(OptionalDouble.empty(), both.outFor(1200));
        feedBoth(3000, 4300, UPRIGHT, UPRIGHT);
        assertEquals(OptionalDouble.of(3000), both.outFor(1200));
    }

    @Test
    void aLegThatFellSilentWhileLyingCountsAsOutFromItsLastSecond() {
        feedBoth(0, 1000, LYING, LYING);
        // The left sensor's battery dies at 1000 s; the right leg gets up at 1500 s.
        feed(both, Leg.RIGHT, 1000, 1500, LYING);
        feed(both, Leg.RIGHT, 1500, 2690, UPRIGHT);
        assertEquals(OptionalDouble.empty(), both.outFor(1200), "right has been up 1190 s only");
        feed(both, Leg.RIGHT, 2690, 2700, UPRIGHT);
        assertEquals(OptionalDouble.of(1500), both.outFor(1200));
    }

    @Test
    void aSilentLegIsNotJudgedSilentWithinTheLagAllowance() {
        feedBoth(0, 100, LYING, LYING);
        feed(both, Leg.RIGHT, 100, 100 + (int) InBedJudge.SILENT_S, UPRIGHT);
        assertEquals(OptionalDouble.empty(), both.outFor(0), "the left leg only lags, and it lies");
    }

    @Test
    void oneLegAloneDecidesByItself() {
        InBedJudge one = new InBedJudge(EnumSet.of(Leg.RIGHT));
        feed(one, Leg.RIGHT, 0, 300, LYING);
        assertEquals(OptionalDouble.of(0), one.lyingFor(300));
        feed(one, Leg.RIGHT, 300, 1500, UNWORN);
        assertEquals(OptionalDouble.of(300), one.outFor(1200));
    }

    @Test
    void resetForgetsTheEvidence() {
        feedBoth(0, 400, LYING, LYING);
        both.reset();
        assertTrue(both.lyingFor(300).isEmpty());
        feedBoth(400, 700, LYING, LYING);
        assertEquals(OptionalDouble.of(400), both.lyingFor(300));
    }

    @Test
    void noLegIsNoJudge() {
        assertThrows(IllegalArgumentException.class, () -> new InBedJudge(EnumSet.noneOf(Leg.class)));
    }
}
