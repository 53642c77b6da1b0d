package org.plmmonitor.analysis.detect;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NoiseFloorTest {

    @Test
    void selectGivesWhatASortWouldHoldAtThatRank() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 2000; trial++) {
            int m = 1 + rnd.nextInt(120);
            double[] a = new double[m];
            // Every third array is coarse, so that ties (a quiet channel's equal means) are common.
            boolean coarse = trial % 3 == 0;
            for (int i = 0; i < m; i++) {
                a[i] = coarse ? rnd.nextInt(4) * 0.001 : rnd.nextDouble() * 0.02;
            }
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            for (int k : new int[]{0, m / 4, m / 2, m - 1}) {
                double[] work = a.clone();
                assertEquals(sorted[k], NoiseFloor.select(work, m, k), "m=" + m + " k=" + k + " trial " + trial);
            }
        }
    }

    @Test
    void floorIsTheLowerQuartileOfTheSecondsFed() {
        NoiseFloor f = new NoiseFloor();
        // A second closes on its first sample 1 s or more after it began, that sample included: at
        // 8 Hz, second k (k >= 1) holds the samples in (k, k + 1]. Each second is fed one level, in mg.
        double[] levels = {5, 1, 7, 3, 8, 2, 6, 4};
        for (int i = 0; i <= 8 * 8; i++) {
            double t = i / 8.0;
            int second = Math.max(0, (int) Math.ceil(t) - 1);
            f.add(t, levels[second] * 0.001);
        }
        // Eight seconds closed: sorted 1..8 mg, the one at index 8 / 4.
        assertEquals(0.003, f.value(), 1e-15);
    }
}
