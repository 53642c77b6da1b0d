package org.plmmonitor.analysis.compare;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupComparerTest {
    private static final Labels LABELS = new Labels("PLM per hour in bed", "without x", "with x");
    /** Fewer draws keep the tests quick; the statistics asserted hold at this size. */
    private static final CompareOptions OPT = new CompareOptions(2000, 2000, 7L, 0.95, 0.30, 0.80, 3);
    /** Words that would claim a cause. */
    static final List<String> CAUSAL = List.of("cause", "because", "effect", "due to", "leads to", "results in",
            "helps", "improve", "worsen", "reduce", "increase", "trigger", "makes ");

    static List<Observation> normal(Random r, int n, double mean, double sd, Side side) {
        List<Observation> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Observation(Math.max(0, mean + sd * r.nextGaussian()), side, 0));
        }
        return out;
    }

    static void assertNoCausalWords(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        for (String w : CAUSAL) {
            assertFalse(t.contains(w), () -> "'" + w + "' in: " + text);
        }
    }

    @Test
    void equalGroupsGiveAnIntervalAroundZeroAndALargeP() {
        int covered = 0;
        for (int rep = 0; rep < 20; rep++) {
            Random r = new Random(100 + rep);
            List<Observation> obs = new ArrayList<>(normal(r, 15, 20, 5, Side.A));
            obs.addAll(normal(r, 15, 20, 5, Side.B));
            Comparison.Compared c = assertInstanceOf(Comparison.Compared.class,
                    GroupComparer.compare(obs, LABELS, OPT.withSeed(rep)));
            if (!c.intervalExcludesZero()) {
                covered++;
            }
            assertTrue(c.ciLow() <= c.difference() && c.difference() <= c.ciHigh(), c.text());
        }
        // A 95 % interval misses 0 in about one case in twenty; 17 of 20 is a lenient floor.
        assertTrue(covered >= 17, "intervals covering 0: " + covered + " of 20");
    }

    @Test
    void aLargeShiftIsSeenByIntervalAndPermutationTest() {
        Random r = new Random(3);
        List<Observation> obs = new ArrayList<>(normal(r, 10, 10, 3, Side.A));
        obs.addAll(normal(r, 10, 25, 3, Side.B));
        Comparison.Compared c = assertInstanceOf(Comparison.Compared.class, GroupComparer.compare(obs, LABELS, OPT));
        assertTrue(c.ciLow() > 5, c.text());
        assertTrue(c.intervalExcludesZero());
        assertTrue(c.pValue() < 0.01, c.text());
        assertEquals(10, c.nightsA());
        assertEquals(10, c.nightsB());
        assertEquals(c.medianB() - c.medianA(), c.difference(), 1e-12);
        assertNoCausalWords(c.text());
    }

    @Test
    void mediansOnHandExamples() {
        assertEquals(2.0, GroupComparer.median(new double[]{3, 1, 2}));
        assertEquals(2.5, GroupComparer.median(new double[]{4, 1, 3, 2}));
        List<Observation> obs = List.of(new Observation(1, Side.A, 0), new Observation(2, Side.A, 0),
                new Observation(9, Side.A, 0), new Observation(10, Side.B, 0), new Observation(12, Side.B, 0),
                new Observation(20, Side.B, 0));
        Comparison.Compared c = (Comparison.Compared) GroupComparer.compare(obs, LABELS, OPT);
        assertEquals(2.0, c.medianA());
        assertEquals(12.0, c.medianB());
        assertEquals(10.0, c.difference());
        // 3 + 3 nights make 20 splits; |difference| >= 10 for A = {1,2,9}, {1,2,10} and their mirrors: p near 0.2.
        assertEquals(0.2, c.pValue(), 0.03);
    }

    @Test
    void theSameSeedReproducesTheResultAndAnotherSeedDrawsDifferently() {
        Random r = new Random(11);
        List<Observation> obs = new ArrayList<>(normal(r, 8, 10, 4, Side.A));
        obs.addAll(normal(r, 8, 13, 4, Side.B));
        Comparison one = GroupComparer.compare(obs, LABELS, OPT);
        Comparison two = GroupComparer.compare(List.copyOf(obs), LABELS, OPT);
        assertEquals(one, two);
        assertEquals(one.text(), two.text());
        Comparison.Compared other = (Comparison.Compared) GroupComparer.compare(obs, LABELS, OPT.withSeed(8));
        Comparison.Compared first = (Comparison.Compared) one;
        assertEquals(first.difference(), other.difference());
        assertNotEquals(first.ciLow() + "," + first.ciHigh() + "," + first.pValue(),
                other.ciLow() + "," + other.ciHigh() + "," + other.pValue());
    }

    @Test
    void fewerThanThreeNightsOnASideCannotTellYet() {
        List<Observation> obs = List.of(new Observation(5, Side.A, 0), new Observation(6, Side.A, 0),
                new Observation(7, Side.A, 0), new Observation(10, Side.B, 0), new Observation(30, Side.B, 0));
        Comparison.CannotTellYet c = assertInstanceOf(Comparison.CannotTellYet.class,
                GroupComparer.compare(obs, LABELS, OPT));
        assertEquals(3, c.nightsA());
        assertEquals(2, c.nightsB());
        assertEquals(0, c.moreForMinimum(Side.A));
        assertEquals(1, c.moreForMinimum(Side.B));
        assertTrue(c.text().startsWith("Cannot tell yet: 3 usable nights without x and 2 with x"), c.text());
        assertTrue(c.text().contains("1 more with x"), c.text());
        assertTrue(c.nightsNeededPerSide().isPresent());
        assertNoCausalWords(c.text());

        Comparison none = GroupComparer.compare(List.of(), LABELS, OPT);
        assertEquals(0, none.nightsA());
        assertTrue(none.nightsNeededPerSide().isEmpty());
        assertTrue(none.text().contains("cannot be estimated yet"), none.text());
    }

    @Test
    void nightsNeededFollowTheNormalApproximation() {
        // sd 3 both sides, median A 10: delta 3, n = pi * 9 * (1.95996 + 0.84162)^2 / 9 = 24.66 -> 25
        double[] a = {7, 10, 13};
        double[] b = {7, 10, 13};
        assertEquals(25, GroupComparer.nightsNeeded(a, b, OPT).getAsInt());
        // twice the spread: four times the nights
        double[] a2 = {4, 10, 16};
        assertEquals(99, GroupComparer.nightsNeeded(a2, a2, OPT).getAsInt());
        // no spread: the minimum
        double[] flat = {10, 10, 10};
        assertEquals(3, GroupComparer.nightsNeeded(flat, flat, OPT).getAsInt());
        // median 0 in A: no relative change to detect
        assertTrue(GroupComparer.nightsNeeded(new double[]{0, 0, 1}, a, OPT).isEmpty());
        assertEquals(1.959964, GroupComparer.inverseNormal(0.975), 1e-6);
        assertEquals(-2.326348, GroupComparer.inverseNormal(0.01), 1e-6);
    }

    @Test
    void permutationsStayWithinBlocks() {
        // Block 0 holds three A nights only (high values); block 1 mixes low A and B nights. Permutations within
        // blocks can never move block 0's high nights to B, so every one of them is as extreme as observed
        // (p = 1); free permutations can, and about half of the splits then differ less.
        List<Observation> obs = new ArrayList<>(List.of(new Observation(100, Side.A, 0), new Observation(101, Side.A, 0),
                new Observation(102, Side.A, 0)));
        obs.addAll(List.of(new Observation(1, Side.A, 1), new Observation(2, Side.A, 1), new Observation(3, Side.B, 1),
                new Observation(4, Side.B, 1), new Observation(5, Side.B, 1)));
        Comparison.Compared blocked = (Comparison.Compared) GroupComparer.compare(obs, LABELS, OPT);
        List<Observation> free = obs.stream().map(o -> new Observation(o.value(), o.side(), 0)).toList();
        Comparison.Compared unblocked = (Comparison.Compared) GroupComparer.compare(free, LABELS, OPT);
        assertEquals(2, blocked.blocks());
        assertEquals(1, unblocked.blocks());
        assertEquals(blocked.difference(), unblocked.difference());
        assertEquals(1.0, blocked.pValue(), 1e-12, blocked.text());
        // 26 of the 56 free splits are as extreme (enumerated by hand): p = 0.464
        assertEquals(26.0 / 56, unblocked.pValue(), 0.03, unblocked.text());
        assertTrue(blocked.text().contains("within the 2 randomisation blocks"), blocked.text());
    }
}
