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

    /**
     * MotionGate keeps its onset thresholds until add says the floor was recomputed: add must say so
     * whenever the value changes, and the value must be the lower quartile of the last two minutes'
     * means where it is recomputed (every second for the first ten, then every tenth second).
     */
    @Test
    void addSaysWhenTheFloorWasRecomputedAndTheValueHoldsOtherwise() {
        NoiseFloor f = new NoiseFloor();
        Random rnd = new Random(29);
        java.util.List<Double> means = new java.util.ArrayList<>();
        double sum = 0;
        int n = 0;
        double start = Double.NaN;
        int recomputed = 0;
        for (int i = 0; i < 100 * 600; i++) {
            double t = i * 0.01 + rnd.nextDouble() * 0.002;
            double v = rnd.nextDouble() * 0.01 * (1 + (i / 6000) % 3);
            double before = f.value();
            boolean said = f.add(t, v);
            // The plain computation, beside it.
            if (Double.isNaN(start)) {
                start = t;
            }
            sum += v;
            n++;
            boolean closes = t - start >= 1.0;
            if (closes) {
                means.add(sum / n);
                sum = 0;
                n = 0;
                start = t;
            }
            boolean due = closes && (means.size() <= 10 || means.size() % 10 == 0);
            assertEquals(due, said, "sample " + i);
            if (said) {
                recomputed++;
                double[] last = means.subList(Math.max(0, means.size() - 120), means.size()).stream()
                        .mapToDouble(Double::doubleValue).sorted().toArray();
                assertEquals(Double.doubleToRawLongBits(last[last.length / 4]), Double.doubleToRawLongBits(f.value()),
                        "sample " + i);
            } else {
                assertEquals(Double.doubleToRawLongBits(before), Double.doubleToRawLongBits(f.value()), "sample " + i);
            }
        }
        // Ten seconds' worth at the start, then one in ten of the rest of the 10 minutes (less the seconds
        // the jitter merged): the check above ran on every one of them.
        assertEquals(true, recomputed >= 10 + 55, "recomputations in 10 minutes: " + recomputed);
    }
}
