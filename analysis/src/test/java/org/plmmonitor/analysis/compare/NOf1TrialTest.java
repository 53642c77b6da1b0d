package org.plmmonitor.analysis.compare;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The n-of-1 trial keeps to its schedule: nights count in their scheduled arm only, deviations are listed. */
class NOf1TrialTest {
    private static final Labels LABELS = new Labels("PLM per hour in bed", "without the cuff", "with the cuff");
    private static final LocalDate START = LocalDate.of(2026, 12, 8);
    private static final CompareOptions OPTIONS = CompareOptions.DEFAULT.withSeed(5);

    /** Blocks of 4 (cuff, none, none, cuff order varies by block), cuff nights ~ 12/h, control nights ~ 20/h. */
    private static List<TrialNight> nights(int blocks, long seed) {
        Random r = new Random(seed);
        List<TrialNight> out = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            Side[] order = b % 2 == 0 ? new Side[] {Side.B, Side.A, Side.A, Side.B} : new Side[] {Side.A, Side.B, Side.B, Side.A};
            for (int i = 0; i < 4; i++) {
                double v = order[i] == Side.B ? 12 + r.nextGaussian() : 20 + r.nextGaussian();
                out.add(new TrialNight(NightIndex.of(START.plusDays(b * 4L + i), v, 7 * 3600), b + 1, order[i], Optional.empty()));
            }
        }
        return out;
    }

    @Test
    void belowThreeUsableNightsAnArmItCannotTellAndSaysHowManyMore() {
        List<TrialNight> n = new ArrayList<>(nights(1, 1)); // 2 + 2
        // A short night of the control arm does not count.
        n.add(new TrialNight(NightIndex.of(START.plusDays(4), 18, 3 * 3600), 2, Side.A, Optional.empty()));
        NOf1Trial t = NOf1Trial.analyse(n, LABELS, OPTIONS);
        Comparison.CannotTellYet c = assertInstanceOf(Comparison.CannotTellYet.class, t.comparison());
        assertEquals(2, c.nightsA());
        assertEquals(2, c.nightsB());
        assertEquals(1, c.moreForMinimum(Side.A));
        assertTrue(c.nightsNeededPerSide().isPresent(), "two nights a side give a spread to estimate from");
        String text = t.text(LABELS);
        assertTrue(text.contains("Cannot tell yet: 2 usable nights without the cuff and 2 with the cuff; at least 3"), text);
        assertTrue(text.contains("difference from the median without the cuff"), text);
        assertTrue(text.contains("3.0 h analysable, under 4 h"), text);
    }

    @Test
    void aNightThatDidNotFollowTheScheduleIsListedAndNeverMovedToTheOtherArm() {
        List<TrialNight> followed = nights(3, 2);
        List<TrialNight> all = new ArrayList<>(followed);
        // The person stopped the cuff on a cuff night of block 4, whose index looks like a control night's:
        // it must change nothing, neither in the cuff arm nor in the control arm.
        TrialNight stopped = new TrialNight(NightIndex.of(START.plusDays(12), 21, 7 * 3600), 4, Side.B,
                Optional.of("a session ended early (stopped)"));
        all.add(stopped);
        NOf1Trial with = NOf1Trial.analyse(all, LABELS, OPTIONS);
        NOf1Trial without = NOf1Trial.analyse(followed, LABELS, OPTIONS);
        Comparison.Compared c = assertInstanceOf(Comparison.Compared.class, with.comparison());
        assertEquals(without.comparison(), c, "the deviating night is in neither arm");
        assertEquals(6, c.nightsA());
        assertEquals(6, c.nightsB());
        assertEquals(3, c.blocks(), "permutations within the three blocks that hold counted nights");
        assertEquals(List.of(stopped), with.deviations());
        assertTrue(c.difference() < -5 && c.ciHigh() < 0, "cuff nights about 8/h lower: " + c);
        String text = with.text(LABELS);
        assertTrue(text.contains("2026-12-20  block 4  with the cuff  21.0/h, 7.0 h analysable: did not follow the schedule: "
                + "a session ended early (stopped)"), text);
        assertTrue(text.contains("1 night did not follow the schedule: left out, not moved to the other arm."), text);
        assertTrue(text.contains("Difference in median (with the cuff minus without the cuff)"), text);
    }
}
