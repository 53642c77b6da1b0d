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
