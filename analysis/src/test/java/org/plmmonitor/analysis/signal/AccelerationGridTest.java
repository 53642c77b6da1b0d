package org.plmmonitor.analysis.signal;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccelerationGridTest {
    @Test
    void aSampleMovesToTheNearestCountAndNoFurther() {
        Random rnd = new Random(11);
        for (int i = 0; i < 100_000; i++) {
            double g = (rnd.nextDouble() * 2 - 1) * 7.9;
            double q = AccelerationGrid.onGrid(g);
            assertTrue(Math.abs(q - g) <= AccelerationGrid.G_PER_COUNT / 2, g + " -> " + q);
            assertEquals(AccelerationGrid.counts(g) * AccelerationGrid.G_PER_COUNT, q, 0.0);
            assertEquals(q, AccelerationGrid.onGrid(q), 0.0, "a value on the grid stays where it is");
        }
    }

    /**
     * onGrid takes a shortcut within the 16-bit range; it must give counts() times the step to the
     * bit (assertEquals on doubles would take -0.0 for 0.0), at the range's edges, on ties, on the
     * -0.0 a tiny negative rounds to, and on NaN and infinities.
     */
    @Test
    void onGridIsCountsTimesTheStepToTheBit() {
        Random rnd = new Random(23);
        double step = AccelerationGrid.G_PER_COUNT;
        java.util.List<Double> values = new java.util.ArrayList<>(java.util.List.of(
                0.0, -0.0, 1e-300, -1e-300, Double.MIN_VALUE, -Double.MIN_VALUE, 0.4 * step, -0.4 * step,
                0.5 * step, -0.5 * step, 1.5 * step, -1.5 * step, 2.5 * step, -2.5 * step,
                -8.0, -8.0 - 0.5 * step, -8.0 - 0.51 * step, -8.0 - step, Math.nextDown(-8.0 - 0.5 * step),
                Short.MAX_VALUE * step, (Short.MAX_VALUE + 0.5) * step, Math.nextDown((Short.MAX_VALUE + 0.5) * step),
                (Short.MAX_VALUE + 0.49) * step, 8.0, 9.0, -9.0, 1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN));
        for (int i = 0; i < 200_000; i++) {
            values.add((rnd.nextDouble() * 2 - 1) * 8.2);
            values.add((rnd.nextDouble() * 2 - 1) * 0.001);
            values.add((rnd.nextInt(65_600) - 32_800 + (rnd.nextBoolean() ? 0.5 : 0.0)) * step);
        }
        for (double g : values) {
            double expected = AccelerationGrid.counts(g) * step;
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(AccelerationGrid.onGrid(g)),
                    () -> g + " -> " + AccelerationGrid.onGrid(g) + ", counts() give " + expected);
        }
    }

    @Test
    void countsAreWhatTheStoreKeepsAndReadBackExactly() {
        assertEquals(4096, AccelerationGrid.counts(1.0));
        assertEquals(-4096, AccelerationGrid.counts(-1.0));
        assertEquals(4, AccelerationGrid.counts(0.001), "1 mg is 4.096 counts");
        assertEquals(0.5 + 1.0 / 4096, AccelerationGrid.onGrid(0.5 + 1.2 / 4096), 0.0);
        for (int c = Short.MIN_VALUE; c <= Short.MAX_VALUE; c++) {
            assertEquals(c, AccelerationGrid.counts(c * AccelerationGrid.G_PER_COUNT));
        }
    }

    @Test
    void beyondEightGItSaturatesAsTheStoreDoes() {
        assertEquals(Short.MAX_VALUE, AccelerationGrid.counts(9.0));
        assertEquals(Short.MIN_VALUE, AccelerationGrid.counts(-9.0));
        assertEquals(Short.MAX_VALUE * AccelerationGrid.G_PER_COUNT, AccelerationGrid.onGrid(100.0), 0.0);
        assertEquals(-8.0, AccelerationGrid.onGrid(-100.0), 0.0);
    }
}
