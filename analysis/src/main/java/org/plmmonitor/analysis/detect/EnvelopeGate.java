package org.plmmonitor.analysis.detect;

import java.util.Arrays;

/**
 * The hysteresis at the heart of WASM 2016 scoring, applied to any non-negative envelope (g, mmHg):
 * onset when the envelope rises above the onset threshold, offset at the start of the first run of
 * at least {@code quietS} below the offset threshold. Thresholds adapt to the noise floor: a low
 * percentile of recent one-second means while idle, so a noisier sensor or a loosened strap raises
 * them and a quiet one keeps the absolute minimum.
 */
final class EnvelopeGate {
    /** Receives each closed span; times are those of the envelope samples. */
    interface Handler {
        void span(double onsetS, double offsetS, double peak, double rms);
    }

    private final double absOn;
    private final double absOff;
    private final double kOn;
    private final double kOff;
    private final double quietS;
    private final Handler handler;

    private final double[] blockMeans = new double[120];
    private final double[] sorted = new double[120];
    private int blocks;
    private double blockStart = Double.NaN;
    private double blockSum;
    private int blockN;
    private double floor;

    private boolean active;
    private double onset;
    private double quietStart = Double.NaN;
    private double peak;
    private double sumSq;
    private int n;
    private double on;
    private double off;

    /**
     * @param absOn  minimum onset threshold (envelope unit)
     * @param absOff minimum offset threshold, below absOn
     * @param kOn    onset threshold as a multiple of the noise floor
     * @param kOff   offset threshold as a multiple of the noise floor
     * @param quietS seconds below the offset threshold that end a span (0.5 in WASM 2016)
     */
    EnvelopeGate(double absOn, double absOff, double kOn, double kOff, double quietS, Handler handler) {
        this.absOn = absOn;
        this.absOff = absOff;
        this.kOn = kOn;
        this.kOff = kOff;
        this.quietS = quietS;
        this.handler = handler;
    }

    /** @return the current noise floor estimate (envelope unit), 0 until the first second is seen */
    double floor() {
        return floor;
    }

    /** @return the offset threshold of the open or last closed span (envelope unit) */
    double offThreshold() {
        return off;
    }

    /** @return onset time of the open span (envelope time), NaN when idle */
    double openOnset() {
        return active ? onset : Double.NaN;
    }

    /** The signal broke off: forget any open span (its offset is unknowable), keep the floor. */
    void reset() {
        active = false;
        quietStart = Double.NaN;
        blockStart = Double.NaN;
        blockSum = 0;
        blockN = 0;
    }

    void accept(double t, double e) {
        if (!active) {
            trackFloor(t, e);
            on = Math.max(absOn, kOn * floor);
            if (e > on) {
                active = true;
                onset = t;
                off = Math.max(absOff, kOff * floor);
                peak = e;
                sumSq = e * e;
                n = 1;
                quietStart = Double.NaN;
            }
            return;
        }
        if (e <= off) {
            if (Double.isNaN(quietStart)) {
                quietStart = t;
            } else if (t - quietStart >= quietS) {
                active = false;
                handler.span(onset, quietStart, peak, Math.sqrt(sumSq / Math.max(1, n)));
                quietStart = Double.NaN;
            }
            return;
        }
        // Above the offset threshold: a brief dip does not end the span, and it all counts.
        quietStart = Double.NaN;
        peak = Math.max(peak, e);
        sumSq += e * e;
        n++;
    }

    private void trackFloor(double t, double e) {
        if (Double.isNaN(blockStart)) {
            blockStart = t;
        }
        blockSum += e;
        blockN++;
        if (t - blockStart >= 1.0) {
            blockMeans[blocks % blockMeans.length] = blockSum / blockN;
            blocks++;
            // The floor moves slowly: once warm, refreshing it every 10 s is plenty and cheap.
            if (blocks <= 10 || blocks % 10 == 0) {
                int m = Math.min(blocks, blockMeans.length);
                System.arraycopy(blockMeans, 0, sorted, 0, m);
                Arrays.sort(sorted, 0, m);
                floor = sorted[m / 4];
            }
            blockStart = t;
            blockSum = 0;
            blockN = 0;
        }
    }
}
