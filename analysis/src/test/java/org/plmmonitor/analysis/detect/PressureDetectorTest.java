package org.plmmonitor.analysis.detect;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.DetectionListener;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.time.TimeInterval;
import org.plmmonitor.analysis.sim.Evaluation;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.sim.SyntheticNight;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PressureDetectorTest {
    static final class Rec implements DetectionListener {
        final List<LegMovement> movements = new ArrayList<>();
        final List<String> rejected = new ArrayList<>();

        @Override
        public void onMovement(LegMovement m) {
            movements.add(m);
        }

        @Override
        public void onRejected(Leg leg, TimeInterval span, String reason) {
            rejected.add(reason);
        }
    }

    @Test
    void cuffTransientsFindTheLegMovementsAndTopUpsAreNotMovements() {
        Evaluation.Agreement total = new Evaluation.Agreement(0, 0, 0);
        for (long seed = 1; seed <= 3; seed++) {
            SyntheticNight night = SyntheticNight.generate(NightSpec.builder().seed(seed).durationS(2 * 3600)
                    .plmPerHour(30).build());
            Rec rec = new Rec();
            PressureDetector d = new PressureDetector(Leg.LEFT, 25, 0.5, rec);
            SampleSource src = night.pressureSource(Leg.LEFT, 15, 25);
            double[] s = new double[4];
            while (src.next(s)) {
                d.accept(s[0], s[1]);
            }
            d.finish();
            total = total.plus(Evaluation.compare(rec.movements, night.legMovements(Leg.LEFT, false), Leg.LEFT));
            assertTrue(rec.rejected.contains("BASELINE_SHIFT"), "top-ups should be seen and rejected: " + rec.rejected);
        }
        assertTrue(total.f1() >= 0.9, "cuff-pressure agreement " + total);
    }

    @Test
    void aSteadyCuffGivesNothingAndAGapIsReported() {
        Rec rec = new Rec();
        List<TimeInterval> gaps = new ArrayList<>();
        PressureDetector d = new PressureDetector(Leg.RIGHT, 25, 0.5, new DetectionListener() {
            @Override
            public void onMovement(LegMovement m) {
                rec.movements.add(m);
            }

            @Override
            public void onGap(Leg leg, TimeInterval gap) {
                gaps.add(gap);
            }
        });
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < 25 * 600; i++) {
            double t = i / 25.0 + (i >= 25 * 300 ? 10 : 0);
            d.accept(t, 12 + 0.03 * r.nextGaussian());
        }
        d.finish();
        assertEquals(List.of(), rec.movements);
        assertEquals(1, gaps.size());
        assertEquals(300 - 1 / 25.0, gaps.get(0).startS(), 1e-9);
        assertEquals(310, gaps.get(0).endS(), 1e-9);
    }
}
