package org.plmmonitor.analysis.detect;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.signal.AccelerationGrid;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SensorStepTest {

    /**
     * A lying shank at 25 Hz for {@code seconds}: gravity on a tilted axis set with a 0.25-Hz respiration
     * sway of 2 mg, white noise of {@code sigmaG} per sample, quantised to {@code lsbG} (0: not), then put
     * on the store's grid, as the pipeline sees it; one 100-mg movement every 10 s.
     */
    private static SensorStep feed(double lsbG, double sigmaG, double seconds, long seed) {
        Random rnd = new Random(seed);
        SensorStep s = new SensorStep();
        for (int i = 0; i < seconds * 25; i++) {
            double t = i / 25.0;
            double sway = 0.002 * Math.sin(2 * Math.PI * 0.25 * t);
            double move = (t % 10) < 1 ? 0.1 * Math.sin(Math.PI * (t % 10)) : 0;
            double x = 0.3 + move + sway + sigmaG * rnd.nextGaussian();
            double y = -0.2 + sway + sigmaG * rnd.nextGaussian();
            double z = 0.93 - move / 3 + sigmaG * rnd.nextGaussian();
            s.add(grid(q(x, lsbG)), grid(q(y, lsbG)), grid(q(z, lsbG)));
        }
        return s;
    }

    private static double q(double v, double lsbG) {
        return lsbG > 0 ? Math.rint(v / lsbG) * lsbG : v;
    }

    private static double grid(double v) {
        return AccelerationGrid.onGrid(v);
    }

    @Test
    void aCoarseSensorsStepIsFoundThroughItsNoise() {
        // ADXL345 at full resolution: 3.9 mg, with 0.3 to 3 mg of noise per sample.
        for (double sigma : new double[]{0.0003, 0.001, 0.003}) {
            SensorStep s = feed(0.0039, sigma, 300, 1);
            assertEquals(0.0039, s.stepG(), 0.0002, "noise " + sigma);
        }
    }

    @Test
    void aOneMilligramSensorsStepIsFoundThroughItsNoise() {
        for (double sigma : new double[]{0.0003, 0.001, 0.003}) {
            SensorStep s = feed(0.001, sigma, 300, 2);
            assertEquals(0.001, s.stepG(), 0.0002, "noise " + sigma);
        }
    }

    @Test
    void samplesOnlyOnTheStoresGridShowNoStepAboveTheGrid() {
        // A sensor resolving finer than the store: every difference of a count occurs.
        for (double sigma : new double[]{0.0003, 0.003}) {
            SensorStep s = feed(0, sigma, 300, 3);
            assertTrue(s.stepG() > 0 && s.stepG() <= 2 * AccelerationGrid.G_PER_COUNT,
                    "noise " + sigma + ": " + s.stepG());
        }
    }

    @Test
    void unknownUntilABlockOfDifferencesIsSeen() {
        SensorStep s = new SensorStep();
        for (int i = 0; i < 100; i++) {
            s.add(grid(q(0.3 + 0.003 * Math.sin(i), 0.0039)), 0, 1);
        }
        assertEquals(0, s.stepG());
    }

    @Test
    void onceMeasuredOverItsBlocksTheStepIsKeptAndNothingMoreIsLookedAt() {
        SensorStep s = feed(0.0039, 0.001, 300, 7);
        assertTrue(!s.measuring());
        double step = s.stepG();
        Random rnd = new Random(8);
        for (int i = 0; i < 25 * 300; i++) {
            assertTrue(!s.add(grid(0.3 + 0.003 * rnd.nextGaussian()), 0, 1));
        }
        assertEquals(step, s.stepG());
    }

    @Test
    void samplesFedSparselyMeasureTheSameStep() {
        // Every 4th sample (the detector feeds one in every gate step's worth): differences are still whole steps.
        Random rnd = new Random(6);
        SensorStep s = new SensorStep();
        for (int i = 0; i < 100 * 300; i++) {
            double x = grid(q(0.3 + 0.002 * Math.sin(2 * Math.PI * 0.25 * i / 100.0) + 0.002 * rnd.nextGaussian(), 0.0039));
            if (i % 4 == 0) {
                s.add(x, grid(q(-0.2 + 0.002 * rnd.nextGaussian(), 0.0039)), grid(q(0.93 + 0.002 * rnd.nextGaussian(), 0.0039)));
            }
        }
        assertEquals(0.0039, s.stepG(), 0.0002);
    }

    @Test
    void aFewOddSamplesDoNotDecideTheStep() {
        // A 3.9-mg sensor with a glitch of one count every 400 samples (fewer than MIN_SEEN per two blocks).
        Random rnd = new Random(5);
        SensorStep s = new SensorStep();
        for (int i = 0; i < 25 * 300; i++) {
            double x = grid(q(0.3 + 0.002 * rnd.nextGaussian(), 0.0039));
            if (i % 400 == 0) {
                x += AccelerationGrid.G_PER_COUNT;
            }
            s.add(x, grid(q(-0.2 + 0.002 * rnd.nextGaussian(), 0.0039)), grid(q(0.93 + 0.002 * rnd.nextGaussian(), 0.0039)));
        }
        assertEquals(0.0039, s.stepG(), 0.0002);
    }
}
