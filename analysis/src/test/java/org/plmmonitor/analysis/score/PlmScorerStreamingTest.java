package org.plmmonitor.analysis.score;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.time.TimeInterval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.plmmonitor.analysis.score.Fixtures.left;
import static org.plmmonitor.analysis.score.Fixtures.right;

class PlmScorerStreamingTest {

    /** Records every emission; checks the decided-once contract as it goes. */
    static final class Recorder implements ScoringListener {
        final List<ScoredMovement> decided = new ArrayList<>();
        final Map<Integer, PlmSeries> series = new HashMap<>();
        final Set<String> decidedKeys = new HashSet<>();
        final List<String> log = new ArrayList<>();

        static String key(ScoredMovement m) {
            return m.movement().leg() + "@" + Math.round(m.onsetS() * 1000);
        }

        @Override
        public void movement(ScoredMovement m, boolean isDecided) {
            String k = key(m);
            if (decidedKeys.contains(k)) {
                throw new AssertionError("movement " + k + " emitted after it was decided");
            }
            if (isDecided) {
                decidedKeys.add(k);
                decided.add(m);
            }
            log.add((isDecided ? "D " : "U ") + k);
        }

        @Override
        public void series(PlmSeries s) {
            series.put(s.id(), s);
        }

        boolean isDecided(double onset, Leg leg) {
            return decidedKeys.contains(leg + "@" + Math.round(onset * 1000));
        }
    }

    @Test
    void movementIsEmittedUndecidedOnAcceptance() {
        Recorder rec = new Recorder();
        PlmScorer s = new PlmScorer(ScoringStandard.WASM2016, ScoringContext.NONE, rec);
        s.accept(left(0, 1));
        assertEquals(List.of("U LEFT@0"), rec.log);
    }

    @Test
    void watermarkEndsARunOnceNoIntervalUpTo90SecondsIsPossible() {
        Recorder rec = new Recorder();
        PlmScorer s = new PlmScorer(ScoringStandard.WASM2016, ScoringContext.NONE, rec);
        for (double t : new double[]{0, 20, 40}) {
            s.accept(left(t, t + 1));
        }
        s.advanceTo(130.0); // a movement at 130 would still continue the run (IMI 90)
        assertFalse(rec.isDecided(40, Leg.LEFT));
        s.advanceTo(130.001);
        assertTrue(rec.isDecided(0, Leg.LEFT) && rec.isDecided(20, Leg.LEFT) && rec.isDecided(40, Leg.LEFT));
        assertTrue(rec.decided.stream().noneMatch(ScoredMovement::periodic));
    }

    @Test
    void seriesMembersAreDecidedAsSoonAsTheFourthArrives() {
        Recorder rec = new Recorder();
        PlmScorer s = new PlmScorer(ScoringStandard.WASM2016, ScoringContext.NONE, rec);
        for (double t : new double[]{0, 20, 40, 60}) {
            s.accept(left(t, t + 1));
        }
        s.advanceTo(61.5); // closes nothing yet about the run, but the 4th must be through the merge stage
        assertEquals(4, rec.decided.stream().filter(ScoredMovement::periodic).count());
        assertEquals(new PlmSeries(1, 0, 61, 4), rec.series.get(1));
        s.accept(left(80, 81));
        s.advanceTo(81.5); // past the bilateral merge window
        assertTrue(rec.isDecided(80, Leg.LEFT), "a member joining an established series is final at once");
        assertEquals(5, rec.series.get(1).count());
    }

    @Test
    void watermarkClosesABilateralGroup() {
        Recorder rec = new Recorder();
        PlmScorer s = new PlmScorer(ScoringStandard.WASM2016, ScoringContext.NONE, rec);
        s.accept(left(0, 1));
        s.accept(right(0.5, 2));
        assertTrue(rec.isDecided(0, Leg.LEFT), "known merged once the other leg joins");
        s.advanceTo(2.499);
        assertFalse(rec.log.contains("U BILATERAL@0"));
        s.advanceTo(2.5);
        assertTrue(rec.log.contains("U BILATERAL@0"));
    }

    @Test
    void rejectsOnsetsGoingBackwardsOrBeforeTheWatermark() {
        PlmScorer s = new PlmScorer(ScoringStandard.WASM2016, ScoringContext.NONE, new Recorder());
        s.accept(left(10, 11));
        assertThrows(IllegalArgumentException.class, () -> s.accept(left(9, 9.6)));
        s.advanceTo(20);
        assertThrows(IllegalStateException.class, () -> s.accept(left(19.5, 20.5)));
        s.finish();
        assertThrows(IllegalStateException.class, () -> s.accept(left(30, 31)));
    }

    @Provide
    Arbitrary<List<LegMovement>> nights() {
        Arbitrary<LegMovement> one = Combinators.combine(
                Arbitraries.integers().between(1, 40_000),   // gap to previous onset, ms
                Arbitraries.integers().between(100, 17_000), // duration, ms
                Arbitraries.of(Leg.LEFT, Leg.RIGHT))
                .as((gap, dur, leg) -> new LegMovement(gap / 1000.0, (gap + dur) / 1000.0, leg, gap % 7 * 0.01, Double.NaN));
        return one.list().ofMaxSize(120).map(list -> {
            List<LegMovement> out = new ArrayList<>();
            double t = 0;
            for (LegMovement m : list) {
                t += m.onsetS();
                // quantise to ms so keys are unique and exact
                double on = Math.round(t * 1000) / 1000.0;
                out.add(new LegMovement(on, on + m.durationS(), m.leg(), m.peak(), m.rms()));
            }
            return out;
        });
    }

    @Property(tries = 300, seed = "20240611")
    void streamingInChunksEqualsBatch(@ForAll("nights") List<LegMovement> night,
                                      @ForAll("standards") ScoringStandard std,
                                      @ForAll long chunkSeed) {
        ScoringContext ctx = new ScoringContext(List.of(new TimeInterval(30, 60), new TimeInterval(300, 320)),
                List.of(new TimeInterval(100, 103)));
        ScoringResult batch = PlmScorer.scoreAll(night, std, ctx);

        Recorder rec = new Recorder();
        PlmScorer s = new PlmScorer(std, ctx, rec);
        Random rnd = new Random(chunkSeed);
        for (int i = 0; i < night.size(); i++) {
            s.accept(night.get(i));
            if (rnd.nextInt(3) == 0) {
                double next = i + 1 < night.size() ? night.get(i + 1).onsetS() : night.get(i).offsetS() + 200;
                double from = night.get(i).onsetS();
                s.advanceTo(from + rnd.nextDouble() * (next - from));
            }
        }
        s.finish();

        List<ScoredMovement> streamed = new ArrayList<>(rec.decided);
        streamed.sort(Comparator.comparingDouble(ScoredMovement::onsetS).thenComparing(m -> m.movement().leg()));
        assertEquals(batch.movements(), streamed);
        assertEquals(batch.series(), rec.series.values().stream().sorted(Comparator.comparingInt(PlmSeries::id)).toList());

        // every input movement decided exactly once (the recorder throws on any emission after decision)
        long oneLeg = streamed.stream().filter(m -> m.movement().leg() != Leg.BILATERAL).count();
        assertEquals(night.size(), oneLeg);
        // series counts agree with the members
        for (PlmSeries ps : batch.series()) {
            assertEquals(ps.count(), batch.movements().stream().filter(m -> Integer.valueOf(ps.id()).equals(m.seriesId())).count());
            assertTrue(ps.count() >= 4);
        }
    }

    @Provide
    Arbitrary<ScoringStandard> standards() {
        return Arbitraries.of(ScoringStandard.class);
    }
}
