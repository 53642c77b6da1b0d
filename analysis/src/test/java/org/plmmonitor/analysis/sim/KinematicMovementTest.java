package org.plmmonitor.analysis.sim;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.sim.TruthEvent.Kind;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The physics of the kinematic movement family and its truth. */
class KinematicMovementTest {
    private static final double DEG = Math.PI / 180;
    /** Lying: shank 4 degrees off horizontal, gravity across it. */
    private static final double[] UP = {Math.sin(4 * DEG), Math.cos(4 * DEG), 0};
    private static final double[] NO_REST = {0, 0, 0};

    private static ShankMovement tenDegrees(double ramp) {
        return new ShankMovement(10, new double[]{0, ramp, 2.5, 3}, new double[]{0, 10 * DEG, 10 * DEG, 0},
                new double[4], new double[0][], 0, 5, 0, 0.2, 0.4);
    }

    @Test
    void aTenDegreeHoldChangesGravitysProjectionByAbout170mg() {
        ShankMovement m = tenDegrees(0.5);
        double[] before = new double[3];
        double[] hold = new double[3];
        ShankMovement.render(UP, NO_REST, null, 9, before);
        ShankMovement.render(UP, NO_REST, m, 11.5, hold);
        double change = dist(before, hold);
        assertEquals(2 * Math.sin(5 * DEG), change, 1e-6, "chord of a 10-degree turn of a 1 g vector");
        assertTrue(change > 0.165 && change < 0.180, "about 17 mg per degree: " + change);
        assertEquals(1.0, Math.sqrt(dot(hold, hold)), 1e-9, "a still sensor feels exactly 1 g");
    }

    @Test
    void theRampCarriesTheLinearAccelerationOfTheSensorOnTheShank() {
        double ramp = 0.5;
        ShankMovement m = tenDegrees(ramp);
        double peakLinear = 0;
        for (double t = 10; t <= 10 + ramp; t += 0.001) {
            double[] all = new double[3];
            ShankMovement.render(UP, NO_REST, m, t, all);
            double[] gravityOnly = rotatedUp(m, t);
            peakLinear = Math.max(peakLinear, dist(all, gravityOnly));
        }
        // Minimum-jerk peak angular acceleration is 5.77 A / T^2; at 0.4 m from the knee, in g.
        double expected = 0.4 * 5.7735 * 10 * DEG / (ramp * ramp) / 9.80665;
        assertEquals(expected, peakLinear, 0.05 * expected, "tangential acceleration dominates the ramp");
        double[] slow = new double[3];
        double slowPeak = 0;
        ShankMovement s = tenDegrees(2.0);
        for (double t = 10; t <= 12; t += 0.001) {
            ShankMovement.render(UP, NO_REST, s, t, slow);
            slowPeak = Math.max(slowPeak, dist(slow, rotatedUp(s, t)));
        }
        assertTrue(slowPeak < expected / 10, "a 2-s ramp is 16 times gentler than a 0.5-s one: " + slowPeak);
    }

    @Test
    void aRestBetweenTwoMovementsIsStillAndTruthCountsTwo() {
        Kinematics pairs = new Kinematics(1, 15, 0.3, 2, 0.6, 3, 1, 0, 0, 0, 0.01, 0.3, 0.45);
        KinematicPlanner p = new KinematicPlanner(pairs, 7);
        int checked = 0;
        for (int i = 0; i < 50; i++) {
            double onset = 100 + 20 * i;
            KinematicPlanner.Planned planned = p.plan(Leg.LEFT, onset, 1 + 0.16 * i, Kind.PERIODIC_LM, true, true);
            List<TruthEvent> t = planned.truth();
            assertEquals(2, t.size(), "a pair is two movements in truth");
            double gap = t.get(1).onsetS() - t.get(0).offsetS();
            assertTrue(gap >= 0.5 && gap <= 1.5, "rest between the two: " + gap);
            for (double u = t.get(0).offsetS() + 0.01; u < t.get(1).onsetS(); u += 0.02) {
                double[] a = planned.movement().angle(u);
                assertEquals(0, a[1], 1e-12, "the leg is still during the rest at " + u);
                assertEquals(0, a[2], 1e-12);
                checked++;
            }
        }
        assertTrue(checked > 500);
    }

    @Test
    void aLongMovementPassesItsViaPointsMovingInsteadOfStoppingAtEach() {
        // Small, slow, tremor-free long movements: the case where a stop at a via-point would be
        // a still moment the sensor cannot tell from the end of a movement.
        Kinematics wandering = new Kinematics(0.86, 3, 0.5, 2, 0.6, 2, 0, 0, 1, 0, 0, 0.3, 0.45);
        KinematicPlanner p = new KinematicPlanner(wandering, 17);
        int vias = 0;
        for (int i = 0; i < 200; i++) {
            ShankMovement m = p.plan(Leg.LEFT, 100, 11 + 0.07 * i, Kind.ISOLATED_LM, true, true).movement();
            double[] k = m.knotTimes();
            for (int j = 1; j < k.length - 1; j++) {
                double at = m.start + k[j];
                double before = m.angle(at - 1e-6)[1];
                double after = m.angle(at + 1e-6)[1];
                // Mean speed over the two moves that meet here.
                double speed = (Math.abs(m.angle(at)[0] - m.angle(m.start + k[j - 1])[0]) / (k[j] - k[j - 1])
                        + Math.abs(m.angle(m.start + k[j + 1])[0] - m.angle(at)[0]) / (k[j + 1] - k[j])) / 2;
                assertTrue(Math.abs(m.angle(at)[1]) >= 0.2 * speed,
                        "via-point " + j + " of movement " + i + " is passed at " + m.angle(at)[1] + " rad/s, mean speed " + speed);
                assertEquals(before, after, 1e-4 * Math.max(speed, 1e-3), "the angular velocity is continuous through the via-point");
                vias++;
            }
            assertEquals(0, m.angle(m.start)[1], 1e-12, "a long movement starts from rest");
            assertEquals(0, m.angle(m.end - 1e-9)[1], 1e-6, "and comes to rest");
        }
        assertTrue(vias > 500, "via-points checked: " + vias);
    }

    @Test
    void aDipWithoutStoppingStaysOneMovementThatNeverReturnsToRest() {
        Kinematics dips = new Kinematics(2, 15, 0.3, 0.6, 0, 3, 0, 1, 0, 0, 0, 0.3, 0.45);
        KinematicPlanner p = new KinematicPlanner(dips, 11);
        for (int i = 0; i < 30; i++) {
            KinematicPlanner.Planned planned = p.plan(Leg.LEFT, 50, 4 + 0.1 * i, Kind.PERIODIC_LM, true, true);
            assertEquals(1, planned.truth().size());
            TruthEvent e = planned.truth().get(0);
            double least = Double.MAX_VALUE;
            double most = 0;
            for (double u = e.onsetS() + 0.6; u < e.offsetS() - 0.6; u += 0.01) {
                double a = Math.abs(planned.movement().angle(u)[0]);
                least = Math.min(least, a);
                most = Math.max(most, a);
            }
            // Dip to 0.3-0.6 of the tilt from a hold that drifts to 0.85-1.1 of it.
            assertTrue(least > 0.25 * most && least < 0.72 * most, "a dip, not a return: " + least / most);
            assertTrue(most > 2 * Math.PI / 180, "the hold reaches the family's smallest tilt: " + most);
        }
    }

    @Test
    void visibleMovementsShowTheirTiltAndInvisibleOnesStayUnderTheFloor() {
        NightSpec spec = NightSpec.builder().seed(5).durationS(3600).rateHz(100).plmPerHour(60)
                .invisibleFraction(0.4).distractors(false).noiseDensity(0).lsbG(0)
                .movementModel(MovementModel.KINEMATIC)
                .kinematics(new Kinematics(1, 15, 0.3, 2, 0.6, 3, 0.5, 0.2, 0.15, 0, 0, 0.3, 0.45)).build();
        SyntheticNight night = SyntheticNight.generate(spec);
        List<double[]> samples = SampleList.of(night.source(Leg.LEFT));
        List<TruthEvent> moves = night.legMovements(Leg.LEFT, false);
        int visible = 0;
        for (TruthEvent e : moves) {
            double[] before = SampleList.at(samples, e.onsetS() - 0.02);
            double most = 0;
            for (double[] s : samples) {
                if (s[0] >= e.onsetS() && s[0] <= e.offsetS() + 0.5) {
                    most = Math.max(most, Math.sqrt(sq(s[1] - before[1]) + sq(s[2] - before[2]) + sq(s[3] - before[3])));
                }
            }
            if (e.visible()) {
                visible++;
                // peakG is the larger of the tilt's chord (seen in full at the end of the onset ramp) and
                // the planned tangential peak (which gravity's turn partly offsets); respiration and
                // pulse add a few mg either way.
                assertTrue(most > 0.7 * e.peakG() - 0.006, "movement at " + e.onsetS() + " peak " + e.peakG() + " shows " + most);
            } else {
                // An EMG-only movement (and the rest after it) stays under the 15 mg floor, respiration included.
                assertTrue(most < 0.015, "invisible movement at " + e.onsetS() + " shows " + most);
            }
        }
        assertTrue(visible > 20 && moves.size() - visible > 15, "both kinds present: " + visible + " of " + moves.size());
    }

    @Test
    void seededRendersAreIdenticalAndSeedsDiffer() {
        NightSpec spec = NightSpec.builder().seed(3).durationS(1800).rateHz(25).bilateral(true)
                .movementModel(MovementModel.MIXED).build();
        List<double[]> a = SampleList.of(SyntheticNight.generate(spec).source(Leg.RIGHT));
        SyntheticNight again = SyntheticNight.generate(spec);
        List<double[]> b = SampleList.of(again.source(Leg.RIGHT));
        List<double[]> c = SampleList.of(again.source(Leg.RIGHT));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertTrue(java.util.Arrays.equals(a.get(i), b.get(i)), "sample " + i);
            assertTrue(java.util.Arrays.equals(a.get(i), c.get(i)), "a fresh cursor repeats sample " + i);
        }
        assertEquals(SyntheticNight.generate(spec).truth(), again.truth());
        List<double[]> other = SampleList.of(SyntheticNight.generate(spec.toBuilder().seed(4).build()).source(Leg.RIGHT));
        assertFalse(java.util.Arrays.equals(a.get(a.size() / 2), other.get(a.size() / 2)));
        assertNotEquals(SyntheticNight.generate(spec.toBuilder().movementModel(MovementModel.BURST).build()).truth(), again.truth());
    }

    private static double[] rotatedUp(ShankMovement m, double t) {
        // Gravity alone: the same axis held still at the same angle, so the linear part is zero.
        double a = m.angle(t)[0];
        ShankMovement held = new ShankMovement(0, new double[]{0, 1e-9, 100}, new double[]{0, a, a}, new double[3], new double[0][], 0, 5, 0,
                0.2, 0.4);
        double[] out = new double[3];
        ShankMovement.render(UP, NO_REST, held, 50, out);
        return out;
    }


    private static double sq(double v) {
        return v * v;
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double dist(double[] a, double[] b) {
        return Math.sqrt(sq(a[0] - b[0]) + sq(a[1] - b[1]) + sq(a[2] - b[2]));
    }
}
