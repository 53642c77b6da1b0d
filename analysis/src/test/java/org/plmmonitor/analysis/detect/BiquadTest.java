package org.plmmonitor.analysis.detect;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BiquadTest {

    /**
     * The detector runs each design on three axes through one {@link Biquad.ThreeAxes}; it must give,
     * to the bit, what three separate filters of that design give, through restarts (settle) at any
     * sample, for low- and high-passes at the detector's rates and cut-offs.
     */
    @Test
    void threeAxesAreThreeBiquadsToTheBit() {
        Random rnd = new Random(17);
        double[][] designs = {{1, 100}, {4, 100}, {1, 25}, {10, 25}, {0.5, 50}, {8, 1000}};
        for (double[] d : designs) {
            for (boolean high : new boolean[]{false, true}) {
                Biquad design = high ? Biquad.highPass(d[0], d[1]) : Biquad.lowPass(d[0], d[1]);
                Biquad.ThreeAxes three = design.onThreeAxes();
                Biquad[] one = new Biquad[3];
                for (int j = 0; j < 3; j++) {
                    one[j] = high ? Biquad.highPass(d[0], d[1]) : Biquad.lowPass(d[0], d[1]);
                }
                double[] g = {rnd.nextDouble() * 2 - 1, rnd.nextDouble() * 2 - 1, rnd.nextDouble() * 2 - 1};
                three.settle(g[0], g[1], g[2]);
                for (int j = 0; j < 3; j++) {
                    one[j].settle(g[j]);
                }
                for (int i = 0; i < 20_000; i++) {
                    double[] v = new double[3];
                    for (int j = 0; j < 3; j++) {
                        // Gravity, a slow turn, vibration and noise, with an occasional step and spike.
                        v[j] = g[j] + 0.1 * Math.sin(i * 0.003 * (j + 1)) + 0.02 * Math.sin(i * 0.7) + rnd.nextGaussian() * 0.001
                                + (rnd.nextInt(500) == 0 ? rnd.nextGaussian() : 0);
                    }
                    if (rnd.nextInt(3000) == 0) {
                        three.settle(v[0], v[1], v[2]);
                        for (int j = 0; j < 3; j++) {
                            one[j].settle(v[j]);
                        }
                    }
                    double[] got = {three.x(v[0]), three.y(v[1]), three.z(v[2])};
                    for (int j = 0; j < 3; j++) {
                        double want = one[j].step(v[j]);
                        assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got[j]),
                                "axis " + j + " sample " + i + " of " + (high ? "high" : "low") + "-pass " + d[0] + " Hz at " + d[1] + " Hz");
                    }
                }
            }
        }
    }
}
