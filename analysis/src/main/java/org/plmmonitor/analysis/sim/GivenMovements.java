package org.plmmonitor.analysis.sim;

import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.score.PlmScorer;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.score.ScoringContext;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.sim.TruthEvent.Kind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Leg movements whose timing is given rather than drawn ({@link SyntheticNight#render}), checked
 * against the night they go into and sorted by onset (then leg), each with the truth kind it gets.
 *
 * @param items the movements, in onset order
 */
record GivenMovements(List<Item> items) {
    /** Distractors keep this far from a given movement, s (the widest margin a planned distractor keeps). */
    private static final double MARGIN_S = 3;

    /**
     * One movement to render.
     *
     * @param onsetS    start, s on the night's line, &gt;= 0
     * @param durationS length, s, &gt; 0
     * @param leg       LEFT or RIGHT
     * @param kind      PERIODIC_LM or ISOLATED_LM
     */
    record Item(double onsetS, double durationS, Leg leg, Kind kind) {
    }

    GivenMovements {
        items = List.copyOf(items);
    }

    /**
     * @param spec      the night they go into
     * @param movements the movements as given
     * @throws IllegalArgumentException naming the first movement the night cannot render as given
     */
    static GivenMovements of(NightSpec spec, List<LegMovement> movements) {
        if (spec.content() != NightSpec.Content.FULL) {
            throw new IllegalArgumentException("given leg movements need a FULL night, not " + spec.content());
        }
        List<LegMovement> sorted = new ArrayList<>(movements);
        sorted.sort(Comparator.comparingDouble(LegMovement::onsetS).thenComparing(LegMovement::leg));
        double[] lastOffset = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (LegMovement m : sorted) {
            if (m.leg() != Leg.LEFT && m.leg() != Leg.RIGHT || m.leg() == Leg.RIGHT && !spec.bilateral()) {
                throw new IllegalArgumentException(describe(m) + " is on leg " + m.leg() + "; this night has sensors on "
                        + (spec.bilateral() ? "LEFT and RIGHT" : "LEFT only"));
            }
            if (m.onsetS() < 0 || m.offsetS() > spec.durationS() || !(m.durationS() > 0)) {
                throw new IllegalArgumentException(describe(m) + " is not a movement of > 0 s inside the night's [0, "
                        + spec.durationS() + "] s");
            }
            if (m.onsetS() < lastOffset[m.leg().ordinal()]) {
                throw new IllegalArgumentException(describe(m) + " overlaps the movement before it on the same leg; "
                        + "join same-leg overlaps first (SameLegMerge)");
            }
            lastOffset[m.leg().ordinal()] = m.offsetS();
        }
        // Which of them a scorer calls periodic: the truth kind says so, as it does for drawn runs.
        List<ScoredMovement> scored = PlmScorer.scoreAll(sorted, ScoringStandard.WASM2016, ScoringContext.NONE).movements();
        List<Item> out = new ArrayList<>();
        for (LegMovement m : sorted) {
            boolean periodic = scored.stream().anyMatch(s -> s.periodic()
                    && s.onsetS() < m.offsetS() && s.movement().offsetS() > m.onsetS());
            out.add(new Item(m.onsetS(), m.durationS(), m.leg(), periodic ? Kind.PERIODIC_LM : Kind.ISOLATED_LM));
        }
        return new GivenMovements(out);
    }

    /** Marks each movement (with a margin) as taken, on both legs, so no distractor is planned into it. */
    void occupy(SyntheticNight.Occupancy busy) {
        for (Item m : items) {
            busy.add(null, m.onsetS() - MARGIN_S, m.onsetS() + m.durationS() + MARGIN_S);
        }
    }

    private static String describe(LegMovement m) {
        return String.format(Locale.ROOT, "given movement %.3f-%.3f s", m.onsetS(), m.offsetS());
    }
}
