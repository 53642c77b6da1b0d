package org.plmmonitor.analysis.detect;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * What the spectrum of a candidate event says (computed with JTransforms on the band-limited
 * 3-axis signal, powers summed over the axes so the answer does not depend on mounting).
 *
 * @param dominantHz   frequency of the largest bin above 0.3 Hz, Hz
 * @param highFraction share of power above {@link #HIGH_HZ} Hz (0-1): mattress and bed-frame
 *                     vibration lives there, a leg movement mostly below
 * @param concentration share of power within 10 % of the dominant frequency and its 2nd and 3rd harmonics (0-1): high for a
 *                     rhythm (tremor, gait), low for a single broadband movement
 * @param flatness     spectral flatness over 0.3-12 Hz (geometric over arithmetic mean, 0-1)
 */
public record SpectralFeatures(double dominantHz, double highFraction, double concentration, double flatness) {
    /** Above this, power is counted as vibration rather than limb motion, Hz. */
    public static final double HIGH_HZ = 3.5;

    /** Reusable FFT plans and scratch, one per detector (not thread-safe). */
    static final class Analyzer {
        private final DoubleFFT_1D[] plans = new DoubleFFT_1D[16];
        private double[] buf = new double[64];
        private double[] power = new double[33];
        /** Scratch for the reference band's median. */
        private double[] ref = new double[64];
        /** The detrending's sum of squared centred indices for the last length asked ({@link #fft}), a constant per length. */
        private int denN = -1;
        private double den;
        /**
         * The last two Hann windows used, by length: the 30-s wear blocks (one length all night) and the
         * movement being judged alternate, and a cosine per sample per axis was a tenth of the detector's time.
         */
        private final double[][] windows = new double[2][];
        private int lastWindow;

        /**
         * How far the largest spectral peak in a low band stands above the noise level of a
         * higher band, axes summed: about 3-6 for white noise, far more for a periodic micro-motion.
         *
         * @param axes   three arrays of raw samples (g), first {@code n} used, n at least 64
         * @param loHz   low band start, Hz
         * @param hiHz   low band end, Hz
         * @param refHz  reference band start, Hz
         * @param refHi  reference band end, Hz (capped at 0.45 x rate); kept low enough that block
         *               averaging does not attenuate it
         * @return peak power in [loHz, hiHz] over the median power in the reference band
         */
        double peakToNoise(float[][] axes, int n, double rateHz, double loHz, double hiHz, double refHz, double refHi) {
            int size = fft(axes, n, true);
            double df = rateHz / size;
            double peak = 0;
            for (int k = Math.max(1, (int) Math.ceil(loHz / df)); k <= Math.min(size / 2, (int) (hiHz / df)); k++) {
                peak = Math.max(peak, power[k]);
            }
            int r0 = Math.max(1, (int) Math.ceil(refHz / df));
            int r1 = Math.min(size / 2, (int) (Math.min(refHi, 0.45 * rateHz) / df));
            if (r1 - r0 < 8) {
                return Double.POSITIVE_INFINITY;
            }
            double median = median(r0, r1);
            return median > 0 ? peak / median : Double.POSITIVE_INFINITY;
        }

        /**
         * What {@code power[r0..r1]} sorted would hold at index (r1 - r0 + 1) / 2, by selection (every
         * wear block asks, once per 30 s; a sort of the reference band was a tenth of the wear test).
         * The same value: powers are sums of squares, never -0.0, so the two orders agree; a NaN
         * (not from finite samples) takes the sort, which puts it last.
         */
        private double median(int r0, int r1) {
            int m = r1 - r0 + 1;
            if (ref.length < m) {
                ref = new double[m];
            }
            System.arraycopy(power, r0, ref, 0, m);
            for (int i = 0; i < m; i++) {
                if (Double.isNaN(ref[i])) {
                    java.util.Arrays.sort(ref, 0, m);
                    return ref[m / 2];
                }
            }
            return NoiseFloor.select(ref, m, m / 2);
        }

        /** Summed power spectrum of the axes into {@link #power}; returns the FFT size. */
        private int fft(float[][] axes, int n, boolean detrend) {
            int size = 64;
            int log = 6;
            while (size < n) {
                size <<= 1;
                log++;
            }
            if (plans[log] == null) {
                plans[log] = new DoubleFFT_1D(size);
            }
            if (buf.length < size) {
                buf = new double[size];
                power = new double[size / 2 + 1];
            }
            java.util.Arrays.fill(power, 0, size / 2 + 1, 0);
            double[] hann = hann(n);
            // Each axis's mean and slope are serial sums (their order fixes their rounding), so each
            // waits on the adder at every sample; the three axes' sums run side by side in one pass,
            // each in its own order, so the waits overlap.
            float[] ax = axes[0];
            float[] ay = axes[1];
            float[] az = axes[2];
            double[] means = means(axes, n);
            // Remove the least-squares line too: slow drift would leak into the low bins. (A line
            // through the two end samples would add a random ramp of the noise's size, which leaks
            // into the respiration band and made a sensor on a table look worn.)
            double[] slopes = new double[3];
            if (detrend && n > 1) {
                double c = (n - 1) / 2.0;
                double nx = 0;
                double ny = 0;
                double nz = 0;
                for (int i = 0; i < n; i++) {
                    double d = i - c;
                    nx += d * (ax[i] - means[0]);
                    ny += d * (ay[i] - means[1]);
                    nz += d * (az[i] - means[2]);
                }
                double den = den(n);
                slopes[0] = nx / den;
                slopes[1] = ny / den;
                slopes[2] = nz / den;
            }
            for (int j = 0; j < 3; j++) {
                float[] axis = axes[j];
                double mean = means[j];
                double slope = slopes[j];
                for (int i = 0; i < n; i++) {
                    double v = axis[i] - mean - (detrend ? slope * (i - (n - 1) / 2.0) : 0);
                    buf[i] = v * hann[i];
                }
                java.util.Arrays.fill(buf, n, size, 0);
                plans[log].realForward(buf);
                power[0] += buf[0] * buf[0];
                power[size / 2] += buf[1] * buf[1];
                for (int k = 1; k < size / 2; k++) {
                    power[k] += buf[2 * k] * buf[2 * k] + buf[2 * k + 1] * buf[2 * k + 1];
                }
            }
            return size;
        }

        /**
         * The least-squares slope's denominator, the sum of (i - c)^2 for i below n, c = (n - 1) / 2,
         * summed in index order as it always was; kept for the last n (every wear block has the
         * same length) instead of summed again for each axis of each block.
         */
        private double den(int n) {
            if (n != denN) {
                double c = (n - 1) / 2.0;
                double d = 0;
                for (int i = 0; i < n; i++) {
                    d += (i - c) * (i - c);
                }
                den = d;
                denN = n;
            }
            return den;
        }

        /**
         * Hann window of n samples: a short event's edges would otherwise smear into every bin.
         *
         * @param n window length, samples, at least 1
         * @return the window's n weights (0-1); cached, do not modify
         */
        private double[] hann(int n) {
            for (int s = 0; s < 2; s++) {
                if (windows[s] != null && windows[s].length == n) {
                    lastWindow = s;
                    return windows[s];
                }
            }
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / n);
            }
            lastWindow = 1 - lastWindow;
            windows[lastWindow] = w;
            return w;
        }

        /**
         * @param axes   three arrays of band-limited samples (g), only the first {@code n} used
         * @param n      number of samples, at least 8
         * @param rateHz sample rate, Hz
         */
        SpectralFeatures analyse(float[][] axes, int n, double rateHz) {
            int size = fft(axes, n, false);
            return fromPower(power, size, rateHz);
        }
    }

    /**
     * The features of a summed power spectrum: dominant frequency, the share above {@link #HIGH_HZ},
     * the share at the dominant frequency and its two harmonics, and flatness, over 0.3-12 Hz.
     *
     * @param power  power per bin, bins 0 to {@code size / 2}
     * @param size   the FFT's length, a power of two of at least 64
     * @param rateHz sample rate, Hz
     */
    static SpectralFeatures fromPower(double[] power, int size, double rateHz) {
        double df = rateHz / size;
        int lo = Math.max(1, (int) Math.ceil(0.3 / df));
        int hi = Math.min(size / 2, (int) Math.floor(12 / df));
        double total = 0;
        double high = 0;
        double logSum = 0;
        int best = lo;
        for (int k = lo; k <= hi; k++) {
            double p = power[k] + 1e-18;
            total += p;
            if (k * df > HIGH_HZ) {
                high += p;
            }
            logSum += Math.log(p);
            if (p > power[best]) {
                best = k;
            }
        }
        int bins = hi - lo + 1;
        double fd = best * df;
        // A rhythm keeps its power at one fundamental and its harmonics (gait has a strong second).
        double peak = bands(power, lo, hi, df, fd, 2 * fd, 3 * fd);
        if (total <= 0 || bins <= 0) {
            return new SpectralFeatures(0, 0, 0, 1);
        }
        double flat = Math.exp(logSum / bins) / (total / bins);
        return new SpectralFeatures(fd, high / total, peak / total, flat);
    }

    /** Power within 10 % (at least one bin) of any of the frequencies, each bin counted once. */
    private static double bands(double[] power, int lo, int hi, double df, double... fs) {
        double s = 0;
        for (int i = lo; i <= hi; i++) {
            double f = i * df;
            for (double c : fs) {
                if (Math.abs(f - c) <= Math.max(0.10 * c, 1.01 * df)) {
                    s += power[i];
                    break;
                }
            }
        }
        return s;
    }

    /**
     * The three axes' means, their serial sums side by side in one pass (each in its own order, so the
     * sums are those of three separate loops to the bit, and their waits on the adder overlap).
     *
     * @param axes x, y and z samples, each at least {@code n} long
     * @param n    samples to average, 1 or more
     * @return {x, y, z} means
     */
    static double[] means(float[][] axes, int n) {
        float[] ax = axes[0];
        float[] ay = axes[1];
        float[] az = axes[2];
        double x = 0;
        double y = 0;
        double z = 0;
        for (int i = 0; i < n; i++) {
            x += ax[i];
            y += ay[i];
            z += az[i];
        }
        return new double[]{x / n, y / n, z / n};
    }
}
