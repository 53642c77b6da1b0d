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

    /** @return this design run on three axes, each from rest (settle it before use) */
    ThreeAxes onThreeAxes() {
        return new ThreeAxes(b0, b1, b2, a1, a2);
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

    /**
     * One design on the x, y and z axes: what three {@link Biquad}s of that design give, to the bit (the
     * same operations in the same order), from one object with one copy of the coefficients. The
     * detector filters every sample of every axis twice: three objects reached through an array, each
     * reloading its own coefficients, were a measurable part of its per-sample work. Mutable.
     */
    static final class ThreeAxes {
        private final double b0;
        private final double b1;
        private final double b2;
        private final double a1;
        private final double a2;
        private double x1;
        private double x2;
        private double y1;
        private double y2;
        private double z1;
        private double z2;

        private ThreeAxes(double b0, double b1, double b2, double a1, double a2) {
            this.b0 = b0;
            this.b1 = b1;
            this.b2 = b2;
            this.a1 = a1;
            this.a2 = a2;
        }

        /** @param v the next x sample (input unit) @return the filtered x, same unit */
        double x(double v) {
            double out = b0 * v + x1;
            x1 = b1 * v - a1 * out + x2;
            x2 = b2 * v - a2 * out;
            return out;
        }

        /** @param v the next y sample (input unit) @return the filtered y, same unit */
        double y(double v) {
            double out = b0 * v + y1;
            y1 = b1 * v - a1 * out + y2;
            y2 = b2 * v - a2 * out;
            return out;
        }

        /** @param v the next z sample (input unit) @return the filtered z, same unit */
        double z(double v) {
            double out = b0 * v + z1;
            z1 = b1 * v - a1 * out + z2;
            z2 = b2 * v - a2 * out;
            return out;
        }

        /** As {@link Biquad#settle} on each axis: as if (x, y, z) had been the input forever. */
        void settle(double x, double y, double z) {
            double gain = (b0 + b1 + b2) / (1 + a1 + a2);
            double ox = gain * x;
            x2 = b2 * x - a2 * ox;
            x1 = b1 * x - a1 * ox + x2;
            double oy = gain * y;
            y2 = b2 * y - a2 * oy;
            y1 = b1 * y - a1 * oy + y2;
            double oz = gain * z;
            z2 = b2 * z - a2 * oz;
            z1 = b1 * z - a1 * oz + z2;
        }
    }
}
