package org.plmmonitor.analysis.detect;

/**
 * A second-order IIR section (transposed direct form II), Butterworth low- or high-pass designed by
 * the bilinear transform. Mutable state; one per axis.
 */
final class Biquad {
    private final double b0;
    private final double b1;
    private final double b2;
    private final double a1;
    private final double a2;
    private double s1;
    private double s2;

    private Biquad(double b0, double b1, double b2, double a1, double a2) {
        this.b0 = b0;
        this.b1 = b1;
        this.b2 = b2;
        this.a1 = a1;
        this.a2 = a2;
    }

    /**
     * @param cutoffHz -3 dB frequency in Hz, below half the sample rate
     * @param rateHz   sample rate in Hz
     */
    static Biquad lowPass(double cutoffHz, double rateHz) {
        double w = 2 * Math.PI * cutoffHz / rateHz;
        double alpha = Math.sin(w) / Math.sqrt(2);
        double cos = Math.cos(w);
        double a0 = 1 + alpha;
        return new Biquad((1 - cos) / 2 / a0, (1 - cos) / a0, (1 - cos) / 2 / a0, -2 * cos / a0, (1 - alpha) / a0);
    }

    /** High-pass counterpart of {@link #lowPass(double, double)}. */
    static Biquad highPass(double cutoffHz, double rateHz) {
        double w = 2 * Math.PI * cutoffHz / rateHz;
        double alpha = Math.sin(w) / Math.sqrt(2);
        double cos = Math.cos(w);
        double a0 = 1 + alpha;
        return new Biquad((1 + cos) / 2 / a0, -(1 + cos) / a0, (1 + cos) / 2 / a0, -2 * cos / a0, (1 - alpha) / a0);
    }

    double step(double x) {
        double y = b0 * x + s1;
        s1 = b1 * x - a1 * y + s2;
        s2 = b2 * x - a2 * y;
        return y;
    }

    /**
     * Sets the state as if {@code x} had been the input forever, so that a restart after a gap does
     * not ring (a high-pass fed a sudden 1 g would otherwise fake a movement).
     */
    void settle(double x) {
        double y = (b0 + b1 + b2) / (1 + a1 + a2) * x;
        s2 = b2 * x - a2 * y;
        s1 = b1 * x - a1 * y + s2;
    }
}
