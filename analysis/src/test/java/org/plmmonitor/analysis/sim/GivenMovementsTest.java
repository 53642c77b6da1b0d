package org.plmmonitor.analysis.sim;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.sim.TruthEvent.Kind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A night rendered from given leg movements ({@link SyntheticNight#render}): truth, shape, checks. */
class GivenMovementsTest {
    /** Six periodic left movements 20 s apart, a right one during the third, a 14-s long one, a lone short one. */
    private static List<LegMovement> given() {
        List<LegMovement> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            out.add(LegMovement.of(100 + 20 * i, 101.5 + 20 * i, Leg.LEFT));
        }
        out.add(LegMovement.of(140.2, 141.0, Leg.RIGHT));
        out.add(LegMovement.of(400, 414, Leg.LEFT));
        out.add(LegMovement.of(700, 700.6, Leg.RIGHT));
        return out;
    }

    private static NightSpec.Builder spec() {
        return NightSpec.builder().seed(11).durationS(900).rateHz(50).bilateral(true).invisibleFraction(0)
                .distractors(false).movementModel(MovementModel.KINEMATIC)
                // every slot drawn as a pair would be one, so a given movement that became two would show
                .kinematics(new Kinematics(2, 10, 0.3, 1, 0.6, 3, 1, 0, 0, 0, 0.01, 0.3, 0.45));
    }

    @Test
    void truthIsTheGivenMovementsOneEachWithTheirKinds() {
        SyntheticNight night = SyntheticNight.render(spec().build(), given());
        List<TruthEvent> lms = new ArrayList<>(night.legMovements(Leg.LEFT, false));
        lms.addAll(night.legMovements(Leg.RIGHT, false));
        assertEquals(given().size(), lms.size(), "no given movement becomes a pair, none is added");
        for (LegMovement m : given()) {
            TruthEvent t = lms.stream().filter(e -> e.leg() == m.leg() && e.onsetS() == m.onsetS()).findFirst()
                    .orElseThrow(() -> new AssertionError("no truth for " + m));
            assertEquals(m.offsetS(), t.offsetS(), 1e-9);
            assertTrue(t.visible());
            // the six 20-s-apart left ones are a periodic series, the right one with the third of them
            // (one bilateral movement) too; the long one and the last are not
            boolean inSeries = m.onsetS() < 300;
            assertEquals(inSeries ? Kind.PERIODIC_LM : Kind.ISOLATED_LM, t.kind(), m.toString());
        }
        assertEquals(night.legMovements(Leg.LEFT, false), night.legMovements(Leg.LEFT, true), "nothing invisible at 0 %");
    }

    @Test
    void eachGivenMovementTurnsTheShankAndTheLegIsStillElsewhere() {
        SyntheticNight night = SyntheticNight.render(spec().noiseDensity(0).lsbG(0).build(), given());
        for (Leg leg : night.legs()) {
            List<double[]> s = SampleList.of(night.source(leg));
            for (LegMovement m : given()) {
                if (m.leg() != leg) {
                    continue;
                }
                double[] before = SampleList.at(s, m.onsetS() - 0.05);
                double most = 0;
                for (double[] x : s) {
                    if (x[0] >= m.onsetS() && x[0] <= m.offsetS()) {
                        most = Math.max(most, dist(x, before));
                    }
                }
                assertTrue(most > 0.025, leg + " movement at " + m.onsetS() + " shows only " + most + " g");
            }
            // From 205 to 390 s no movement is given: respiration and pulse alone move the sample by a few mg.
            double[] ref = SampleList.at(s, 205);
            for (double[] x : s) {
                if (x[0] > 205 && x[0] < 390) {
                    assertTrue(dist(x, ref) < 0.012, leg + " still at " + x[0] + ": " + dist(x, ref));
                }
            }
        }
    }

    @Test
    void seededRendersRepeatAndTheOrderOfTheListDoesNotMatter() {
        NightSpec spec = spec().build();
        List<LegMovement> reversed = new ArrayList<>(given());
        java.util.Collections.reverse(reversed);
        SyntheticNight a = SyntheticNight.render(spec, given());
        SyntheticNight b = SyntheticNight.render(spec, reversed);
        assertEquals(a.truth(), b.truth());
        List<double[]> sa = SampleList.of(a.source(Leg.RIGHT));
        List<double[]> sb = SampleList.of(b.source(Leg.RIGHT));
        assertEquals(sa.size(), sb.size());
        for (int i = 0; i < sa.size(); i++) {
            assertTrue(Arrays.equals(sa.get(i), sb.get(i)), "sample " + i);
        }
    }

    @Test
    void distractorsKeepClearOfTheGivenMovements() {
        SyntheticNight night = SyntheticNight.render(spec().durationS(4 * 3600).distractors(true).seed(5).build(), given());
        for (TruthEvent e : night.truth()) {
            if (e.kind().isLegMovement() || e.kind() == Kind.SPIKE || e.kind() == Kind.STRAP_LOOSENING) {
                continue;
            }
            for (LegMovement m : given()) {
                assertTrue(e.offsetS() <= m.onsetS() || e.onsetS() >= m.offsetS(), e + " overlaps " + m);
            }
        }
        assertEquals(given().size(), night.truth().stream().filter(e -> e.kind().isLegMovement()).count());
    }

    @Test
    void movementsTheNightCannotRenderAreRefusedByName() {
        NightSpec spec = spec().build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyntheticNight.render(spec,
                List.of(LegMovement.of(10, 12, Leg.LEFT), LegMovement.of(11, 13, Leg.LEFT))));
        assertTrue(e.getMessage().contains("11.000-13.000 s") && e.getMessage().contains("SameLegMerge"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SyntheticNight.render(spec,
                List.of(LegMovement.of(899, 901, Leg.LEFT))));
        assertTrue(e.getMessage().contains("899.000-901.000 s"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SyntheticNight.render(spec.toBuilder().bilateral(false).build(),
                List.of(LegMovement.of(10, 12, Leg.RIGHT))));
        assertTrue(e.getMessage().contains("LEFT only"), e.getMessage());
        // the same two movements on two legs overlap freely
        assertEquals(2, SyntheticNight.render(spec, List.of(LegMovement.of(10, 12, Leg.LEFT),
                LegMovement.of(11, 13, Leg.RIGHT))).truth().size());
    }


    private static double dist(double[] a, double[] b) {
        double d = 0;
        for (int j = 1; j <= 3; j++) {
            d += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return Math.sqrt(d);
    }
}
