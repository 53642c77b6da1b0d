package org.plmmonitor.analysis.detect;

import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SpectralFeaturesTest {

    /**
     * The wear test's ratio, computed the straightforward way: each axis detrended (mean, then the
     * least-squares line, its denominator summed per axis), Hann-windowed, transformed, powers summed,
     * and the reference band sorted for its median. The analyzer keeps the denominator per length
     * and selects the median; it must give the same ratio to the bit.
     */
    @Test
    void peakToNoiseIsTheStraightforwardRatioToTheBit() {
        Random rnd = new Random(5);
        SpectralFeatures.Analyzer analyzer = new SpectralFeatures.Analyzer();
        for (int trial = 0; trial < 300; trial++) {
            // Wear blocks (750 samples at 25 Hz, 30 s) most of the time, other lengths in between so
            // that the kept denominator is asked for another length and back.
            int n = trial % 4 == 3 ? 64 + rnd.nextInt(900) : 750;
            double rate = trial % 5 == 4 ? 50 : 25;
            float[][] axes = new float[3][n + rnd.nextInt(8)];
            double breath = 0.15 + rnd.nextDouble() * 0.45;
            double amp = trial % 2 == 0 ? 0 : rnd.nextDouble() * 0.002;
            // Every sixth block is coarse (1/4096 g steps, little noise) so that equal powers are likely.
            boolean coarse = trial % 6 == 0;
            for (float[] axis : axes) {
                double g = rnd.nextDouble() * 2 - 1;
                for (int i = 0; i < n; i++) {
                    double v = g + amp * Math.sin(2 * Math.PI * breath * i / rate) + rnd.nextGaussian() * (coarse ? 1e-4 : 3e-4);
                    axis[i] = (float) (coarse ? Math.rint(v * 4096) / 4096 : v);
                }
            }
            double expected = straightforward(axes, n, rate);
            double got = analyzer.peakToNoise(axes, n, rate, 0.15, 2.0, 2.5, 6.0);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(got),
                    "trial " + trial + ", n " + n + ": " + expected + " vs " + got);
        }
    }

    /**
     * A judged movement's features from a spectrum computed the straightforward way (each axis's mean
     * removed on its own, Hann-windowed, transformed, powers summed over the axes; the features read off
     * it by {@link SpectralFeatures#fromPower}, as the analyzer reads its own): the analyzer sums the
     * three axes' means side by side and keeps windows and plans; the same features to the bit.
     */
    @Test
    void analyseGivesTheStraightforwardFeaturesToTheBit() {
        Random rnd = new Random(17);
        SpectralFeatures.Analyzer analyzer = new SpectralFeatures.Analyzer();
        for (int trial = 0; trial < 200; trial++) {
            double rate = new double[]{25, 50, 100}[trial % 3];
            int n = 8 + rnd.nextInt(trial % 4 == 0 ? 3000 : 400);
            float[][] axes = new float[3][n + rnd.nextInt(8)];
            double f0 = 0.5 + rnd.nextDouble() * 6;
            for (float[] axis : axes) {
                double a = rnd.nextDouble() * 0.05;
                for (int i = 0; i < n; i++) {
                    axis[i] = (float) (a * Math.sin(2 * Math.PI * f0 * i / rate) + rnd.nextGaussian() * 0.003);
                }
            }
            SpectralFeatures got = analyzer.analyse(axes, n, rate);
            SpectralFeatures expected = straightforwardFeatures(axes, n, rate);
            assertEquals(expected.toString(), got.toString(), "trial " + trial + ", n " + n);
            assertEquals(Double.doubleToRawLongBits(expected.flatness()), Double.doubleToRawLongBits(got.flatness()));
            assertEquals(Double.doubleToRawLongBits(expected.concentration()), Double.doubleToRawLongBits(got.concentration()));
        }
    }

    /**
     * The three axes' summed power spectrum, computed the plain way: each axis less its mean (and, when
     * {@code detrend}, its least-squares slope), a Hann window, a zero-padded FFT of the next power of
     * two of at least 64 points.
     */
    private static double[] straightforwardPower(float[][] axes, int n, boolean detrend) {
        int size = 64;
        while (size < n) {
            size <<= 1;
        }
        double[] power = new double[size / 2 + 1];
        double[] buf = new double[size];
        for (float[] axis : axes) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += axis[i];
            }
            mean /= n;
            double c = (n - 1) / 2.0;
            double slope = 0;
            if (detrend) {
                double num = 0;
                double den = 0;
                for (int i = 0; i < n; i++) {
                    num += (i - c) * (axis[i] - mean);
                    den += (i - c) * (i - c);
                }
                slope = num / den;
            }
            Arrays.fill(buf, 0);
            for (int i = 0; i < n; i++) {
                double hann = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / n);
                buf[i] = (axis[i] - mean - slope * (i - c)) * hann;
            }
            new DoubleFFT_1D(size).realForward(buf);
            power[0] += buf[0] * buf[0];
            power[size / 2] += buf[1] * buf[1];
            for (int k = 1; k < size / 2; k++) {
                power[k] += buf[2 * k] * buf[2 * k] + buf[2 * k + 1] * buf[2 * k + 1];
            }
        }
        return power;
    }

    /** The features of the plain spectrum, read off it as the analyzer reads its own. */
    private static SpectralFeatures straightforwardFeatures(float[][] axes, int n, double rateHz) {
        double[] power = straightforwardPower(axes, n, false);
        return SpectralFeatures.fromPower(power, 2 * (power.length - 1), rateHz);
    }

    private static double straightforward(float[][] axes, int n, double rateHz) {
        double[] power = straightforwardPower(axes, n, true);
        int size = 2 * (power.length - 1);
        double df = rateHz / size;
        double peak = 0;
        for (int k = Math.max(1, (int) Math.ceil(0.15 / df)); k <= Math.min(size / 2, (int) (2.0 / df)); k++) {
            peak = Math.max(peak, power[k]);
        }
        int r0 = Math.max(1, (int) Math.ceil(2.5 / df));
        int r1 = Math.min(size / 2, (int) (Math.min(6.0, 0.45 * rateHz) / df));
        if (r1 - r0 < 8) {
            return Double.POSITIVE_INFINITY;
        }
        double[] ref = Arrays.copyOfRange(power, r0, r1 + 1);
        Arrays.sort(ref);
        double median = ref[ref.length / 2];
        return median > 0 ? peak / median : Double.POSITIVE_INFINITY;
    }
}
