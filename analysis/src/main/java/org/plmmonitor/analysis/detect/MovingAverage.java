package org.plmmonitor.analysis.detect;

import java.util.Arrays;

/** Trailing mean over the last {@code n} values: the detectors' envelope. Mutable. */
final class MovingAverage {
    private final float[] window;
    private int pos;
    private int fill;
    private double sum;

    /** @param n window length in samples, at least 1 */
    MovingAverage(int n) {
        window = new float[Math.max(1, n)];
    }

    /** @return the window length in samples */
    int length() {
        return window.length;
    }

    /** Adds a value; returns the mean of the values in the window (fewer after a reset). */
    double add(double v) {
        sum += v - window[pos];
        window[pos] = (float) v;
        pos = pos + 1 == window.length ? 0 : pos + 1;
        if (fill < window.length) {
            fill++;
        }
        return sum / fill;
    }

    /** Forgets everything (after a gap). */
    void reset() {
        Arrays.fill(window, 0);
        pos = 0;
        fill = 0;
        sum = 0;
    }
}
