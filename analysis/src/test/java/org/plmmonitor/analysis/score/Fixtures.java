package org.plmmonitor.analysis.score;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;

import java.util.ArrayList;
import java.util.List;

/** Small builders for scoring tests. */
final class Fixtures {
    private Fixtures() {
    }

    static LegMovement left(double on, double off) {
        return LegMovement.of(on, off, Leg.LEFT);
    }

    static LegMovement right(double on, double off) {
        return LegMovement.of(on, off, Leg.RIGHT);
    }

    /** One-second left movements at the given onsets. */
    static List<LegMovement> lefts(double... onsets) {
        List<LegMovement> out = new ArrayList<>();
        for (double o : onsets) {
            out.add(left(o, o + 1));
        }
        return out;
    }

    static ScoringResult wasm(List<LegMovement> ms) {
        return PlmScorer.scoreAll(ms, ScoringStandard.WASM2016, ScoringContext.NONE);
    }

    static ScoringResult aasm(List<LegMovement> ms) {
        return PlmScorer.scoreAll(ms, ScoringStandard.AASM, ScoringContext.NONE);
    }

    static ScoredMovement at(ScoringResult r, double onset, Leg leg) {
        return r.movements().stream()
                .filter(m -> m.movement().leg() == leg && Math.abs(m.onsetS() - onset) < 1e-9)
                .findFirst().orElseThrow(() -> new AssertionError("no " + leg + " movement at " + onset + " in " + r));
    }

    static ScoredMovement at(ScoringResult r, double onset) {
        return at(r, onset, Leg.LEFT);
    }

    static List<Boolean> periodic(ScoringResult r) {
        return r.movements().stream().map(ScoredMovement::periodic).toList();
    }
}
