package org.plmmonitor.analysis.score;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.plmmonitor.analysis.score.Fixtures.left;
import static org.plmmonitor.analysis.score.Fixtures.right;

class SameLegMergeTest {

    @Test
    void overlappingAndCloseSameLegEventsBecomeOne() {
        List<LegMovement> in = List.of(
                left(10, 12), left(11, 13.5), // overlap (two derivations of one leg)
                left(13.999, 15),             // 0.499 s after the group's offset: joins
                left(15.5, 16.5),             // 0.500 s after: a new movement
                right(12, 14));               // other leg: untouched here
        List<LegMovement> out = SameLegMerge.merge(in);
        assertEquals(List.of(left(10, 15), right(12, 14), left(15.5, 16.5)), out);
    }

    @Test
    void aShortEventJoinedToAnotherMakesAnLm() {
        // 0.3 s and 0.4 s fragments 0.2 s apart: neither is an LM alone, together they are one of 0.9 s
        List<LegMovement> out = SameLegMerge.merge(List.of(left(0, 0.3), left(0.5, 0.9)));
        assertEquals(List.of(left(0, 0.9)), out);
    }

    @Test
    void amplitudesJoinAsTheLargestPeakAndDurationWeightedRms() {
        LegMovement a = new LegMovement(0, 1, Leg.RIGHT, 0.2, 0.1);
        LegMovement b = new LegMovement(1.2, 4.2, Leg.RIGHT, 0.5, 0.3);
        LegMovement j = SameLegMerge.merge(List.of(b, a)).get(0);
        assertEquals(0.5, j.peak(), 1e-12);
        assertEquals(Math.sqrt((0.01 * 1 + 0.09 * 3) / 4), j.rms(), 1e-12);
        assertEquals(4.2, j.offsetS(), 1e-12);
    }

    @Test
    void doubleDerivationNightScoresAsTheSingleDerivationNight() {
        // one leg, 1 s movements every 20 s, scored on two derivations that overlap by 0.7 s
        List<LegMovement> single = new ArrayList<>();
        List<LegMovement> doubled = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            double t = 100 + 20 * i;
            single.add(left(t, t + 1.3));
            doubled.add(left(t, t + 1));
            doubled.add(left(t + 0.3, t + 1.3));
        }
        ScoringResult once = Fixtures.wasm(single);
        ScoringResult raw = Fixtures.wasm(doubled);
        ScoringResult merged = Fixtures.wasm(SameLegMerge.merge(doubled));
        assertEquals(6, count(once, true), "the single-derivation night: six PLMs");
        assertEquals(0, count(raw, true), "unmerged, every second event is 0.3 s after the first: short IMIs, no series");
        assertEquals(once.movements(), merged.movements());
    }

    private static long count(ScoringResult r, boolean periodic) {
        return r.movements().stream().filter(m -> m.periodic() == periodic).count();
    }
}
