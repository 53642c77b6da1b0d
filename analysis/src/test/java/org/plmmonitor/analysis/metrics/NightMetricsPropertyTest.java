package org.plmmonitor.analysis.metrics;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.time.TimeInterval;
import org.plmmonitor.analysis.score.PlmScorer;
import org.plmmonitor.analysis.score.ScoringContext;
import org.plmmonitor.analysis.score.ScoringResult;
import org.plmmonitor.analysis.score.ScoringStandard;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NightMetricsPropertyTest {

    @Provide
    Arbitrary<List<LegMovement>> nights() {
        Arbitrary<long[]> one = Combinators.combine(
                Arbitraries.integers().between(0, 60_000),
                Arbitraries.integers().between(300, 14_000),
                Arbitraries.integers().between(0, 1))
                .as((gap, dur, leg) -> new long[]{gap, dur, leg});
        return one.list().ofMaxSize(200).map(list -> {
            List<LegMovement> out = new ArrayList<>();
            long t = 0;
            for (long[] r : list) {
                t += r[0];
                out.add(LegMovement.of(t / 1000.0, (t + r[1]) / 1000.0, r[2] == 0 ? Leg.LEFT : Leg.RIGHT));
            }
            return out;
        });
    }

    @Property(tries = 200, seed = "4242")
    void countsNestAndHistogramsAddUp(@ForAll("nights") List<LegMovement> night) {
        ScoringResult r = PlmScorer.scoreAll(night, ScoringStandard.WASM2016, ScoringContext.NONE);
        List<TimeInterval> an = List.of(new TimeInterval(0, 1800), new TimeInterval(2400, 9000));
        NightMetrics m = NightMetrics.compute(r, 9000, an, List.of(new TimeInterval(600, 5000)));
        for (Scope s : List.of(m.recorded(), m.analysable(), m.sleep(), m.wake())) {
            assertTrue(s.plm() <= s.clm() && s.clm() <= s.lm(), s.toString());
        }
        assertEquals(m.analysable().lm(), m.sleep().lm() + m.wake().lm());
        assertEquals(m.analysable().durationS(), m.sleep().durationS() + m.wake().durationS(), 1e-9);
        if (m.periodicityIndex() != null) {
            assertTrue(m.periodicityIndex() >= 0 && m.periodicityIndex() <= 1);
        }
        ImiStats imi = m.imi();
        assertEquals(imi.total(), imi.below10() + imi.from10To90() + imi.above90());
        assertEquals(imi.total(), imi.linear().counts().stream().mapToInt(Integer::intValue).sum() + imi.linear().above());
        assertEquals(imi.total(), imi.logarithmic().counts().stream().mapToInt(Integer::intValue).sum()
                + imi.logarithmic().below() + imi.logarithmic().above());
        assertEquals(m.recorded().lm(), m.legs().stream().mapToInt(LegCounts::lm).sum());
        assertEquals(m.recorded().plm(), m.plmPerHour().stream().mapToInt(Integer::intValue).sum());
        assertEquals(r.series().stream().mapToInt(s -> s.count()).sum(), m.recorded().plm());
    }
}
