package org.plmmonitor.bridge.time;

import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Stamps the samples of one sensor on a monotonic time line, in seconds.
 *
 * <p>The line is the host's monotonic clock ({@code nanos / 1e9}), so two sensors stamped with the
 * same nanosecond source share one line and can be compared (left and right ankle). Within a run of
 * uninterrupted samples a stamp is the previous stamp plus one sample period, so the line inherits the
 * sensor's regularity rather than the host's scheduling jitter. Two slow corrections keep it near the
 * host clock:
 * <ul>
 *   <li><b>rate</b>: the sensor's real period is measured against the host over a sliding baseline of
 *   up to {@value #MAX_BASELINE_S} s (first estimate after {@value #MIN_BASELINE_S} s), clamped to the
 *   nominal period ± {@code maxRateError}. Sensor oscillators are specified to a few % (ADXL345 and
 *   LIS3DH: ODR tolerance of several %), so without this a night would drift by minutes.</li>
 *   <li><b>phase</b>: the remaining offset to the host (low-pass filtered) is removed by stretching or
 *   shrinking each period by at most {@code maxSlewPpm} (default 500 ppm, i.e. 1.8 s per hour at most),
 *   with a time constant of {@value #PHASE_TIME_CONSTANT_S} s. A slew, never a step: the line does
 *   not jump when the host disagrees.</li>
 * </ul>
 * Every stamp is strictly greater than the previous one (no duplicates, never backwards), also across
 * {@link #stampAfterGap restarts}. After a gap the line re-anchors to the host, so the gap's length is
 * the host's measure of it.
 *
 * <p>The host time of a FIFO read is taken as the acquisition time of the newest sample in it, minus half
 * a period: the newest sample in a FIFO is always less than one period old when the FIFO is read.
 *
 * <p>Not thread-safe: one clock per sensor, used by the thread that polls it.
 */
public final class SampleClock {
    /** Shortest host baseline (s) over which the sensor's rate is measured before it is trusted. */
    public static final double MIN_BASELINE_S = 5.0;
    /** Longest host baseline (s); older checkpoints are dropped so slow (thermal) drift is followed. */
    public static final double MAX_BASELINE_S = 600.0;
    /** Time constant (s) with which a phase offset to the host is slewed away (within the slew bound). */
    public static final double PHASE_TIME_CONSTANT_S = 30.0;
    private static final double CHECKPOINT_EVERY_S = 30.0;
    private static final double PHASE_FILTER_S = 5.0;

    private final double nominalRateHz;
    private final double nominalPeriodS;
    private final LongSupplier nanos;
    private final double maxSlew;
    private final double maxRateError;

    private double periodS;
    private double lastS = Double.NaN;
    private double offsetS;
    private long samplesSinceAnchor;
    private final ArrayDeque<double[]> checkpoints = new ArrayDeque<>(); // {hostS, samplesSinceAnchor}

    private SampleClock(Builder b) {
        this.nominalRateHz = b.nominalRateHz;
        this.nominalPeriodS = 1.0 / b.nominalRateHz;
        this.nanos = b.nanos;
        this.maxSlew = b.maxSlewPpm * 1e-6;
        this.maxRateError = b.maxRateErrorFraction;
        this.periodS = nominalPeriodS;
    }

    /**
     * @param nominalRateHz the sensor's configured output data rate in Hz, 0.1 to 10000
     * @param nanos         monotonic host clock in nanoseconds (e.g. {@code System::nanoTime}); shared by
     *                      all sensors whose samples must be compared
     * @return a builder with the default slew bound (500 ppm) and rate tolerance (±10 %)
     */
    public static Builder builder(double nominalRateHz, LongSupplier nanos) {
        return new Builder(nominalRateHz, nanos);
    }

    /**
     * Stamps {@code count} samples that follow the previous ones without loss, observed now.
     *
     * @param count number of new samples, 1 or more, oldest first
     * @return their times in seconds on the line, strictly increasing and after every earlier stamp
     */
    public double[] stamp(int count) {
        return stamp(count, nanos.getAsLong());
    }

    /**
     * Stamps {@code count} samples that follow the previous ones without loss.
     *
     * @param count         number of new samples, 1 or more, oldest first
     * @param observedNanos host time (same source as the clock's) at which the read that found these
     *                      samples started
     * @return their times in seconds on the line, strictly increasing and after every earlier stamp
     */
    public double[] stamp(int count, long observedNanos) {
        requirePositive(count);
        if (Double.isNaN(lastS)) {
            return stampAfterGap(count, observedNanos);
        }
        double hostS = observedNanos / 1e9;
        samplesSinceAnchor += count;
        updateRate(hostS);

        double newestHostS = hostS - 0.5 * nominalPeriodS;
        double predictedNewestS = lastS + count * periodS;
        double error = newestHostS - predictedNewestS;
        double weight = Math.min(1.0, count * periodS / PHASE_FILTER_S);
        offsetS += (error - offsetS) * weight;
        double correction = clamp(offsetS / PHASE_TIME_CONSTANT_S, maxSlew);
        double step = periodS * (1.0 + correction);

        double[] out = new double[count];
        double t = lastS;
        for (int i = 0; i < count; i++) {
            t = advance(t, step);
            out[i] = t;
        }
        lastS = t;
        return out;
    }

    /**
     * Stamps {@code count} samples that follow an interruption (lost samples, a re-initialised sensor),
     * observed now. The newest is placed at the host's time; the caller reports the gap from
     * {@link #lastS()} (read before this call) to the first returned stamp.
     *
     * @param count number of new samples, 1 or more, oldest first
     * @return their times in seconds on the line, strictly increasing and after every earlier stamp
     */
    public double[] stampAfterGap(int count) {
        return stampAfterGap(count, nanos.getAsLong());
    }

    /**
     * As {@link #stampAfterGap(int)} with the observation time given.
     *
     * @param count         number of new samples, 1 or more, oldest first
     * @param observedNanos host time (same source as the clock's) at which the read started
     * @return their times in seconds on the line, strictly increasing and after every earlier stamp
     */
    public double[] stampAfterGap(int count, long observedNanos) {
        requirePositive(count);
        double hostS = observedNanos / 1e9;
        double first = hostS - 0.5 * nominalPeriodS - (count - 1) * periodS;
        if (!Double.isNaN(lastS) && first <= lastS) {
            first = advance(lastS, periodS);
        }
        double[] out = new double[count];
        double t = first;
        out[0] = t;
        for (int i = 1; i < count; i++) {
            t = advance(t, periodS);
            out[i] = t;
        }
        lastS = t;
        offsetS = 0.0;
        // The sample count is no longer continuous with the checkpoints: measure afresh, keep the estimate.
        checkpoints.clear();
        samplesSinceAnchor = 0;
        checkpoints.add(new double[] {hostS, 0});
        return out;
    }

    /** @return the last stamp issued in seconds, or NaN before the first */
    public double lastS() {
        return lastS;
    }

    /** @return the current estimate of the sensor's sample period in seconds */
    public double periodS() {
        return periodS;
    }

    /** @return the sensor's measured rate error: real rate / nominal rate - 1 (e.g. 0.02 = 2 % fast) */
    public double rateError() {
        return nominalPeriodS / periodS - 1.0;
    }

    /** @return the filtered host-minus-line offset in seconds that is being slewed away */
    public double offsetS() {
        return offsetS;
    }

    /** @return the nominal rate in Hz this clock was built for */
    public double nominalRateHz() {
        return nominalRateHz;
    }

    private void updateRate(double hostS) {
        double[] newest = checkpoints.peekLast();
        if (newest == null || hostS - newest[0] >= CHECKPOINT_EVERY_S) {
            checkpoints.addLast(new double[] {hostS, samplesSinceAnchor});
        }
        while (checkpoints.size() > 2 && hostS - checkpoints.peekFirst()[0] > MAX_BASELINE_S) {
            checkpoints.removeFirst();
        }
        double[] oldest = checkpoints.peekFirst();
        double baselineS = hostS - oldest[0];
        double samples = samplesSinceAnchor - oldest[1];
        if (baselineS >= MIN_BASELINE_S && samples > 0) {
            double measured = baselineS / samples;
            periodS = Math.max(nominalPeriodS * (1 - maxRateError),
                    Math.min(nominalPeriodS * (1 + maxRateError), measured));
        }
    }

    /** Adds a positive step, guaranteeing a strictly greater double even where the step underflows. */
    private static double advance(double t, double step) {
        double next = t + step;
        return next > t ? next : Math.nextUp(t);
    }

    private static double clamp(double v, double bound) {
        return Math.max(-bound, Math.min(bound, v));
    }

    private static void requirePositive(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("sample count " + count + " must be 1 or more");
        }
    }

    @Override
    public String toString() {
        return "SampleClock[nominal " + nominalRateHz + " Hz, period " + periodS + " s, offset " + offsetS
                + " s, last " + lastS + " s, slew <= " + maxSlew * 1e6 + " ppm" + "]";
    }

    /** Builds a {@link SampleClock}; every setting is validated once, in {@link #build()}. */
    public static final class Builder {
        private final double nominalRateHz;
        private final LongSupplier nanos;
        private double maxSlewPpm = 500.0;
        private double maxRateErrorFraction = 0.10;

        private Builder(double nominalRateHz, LongSupplier nanos) {
            this.nominalRateHz = nominalRateHz;
            this.nanos = nanos;
        }

        /**
         * @param ppm largest stretch or shrink of one period used to remove a phase offset, in parts per
         *            million, 1 to 10000 (default 500)
         * @return this builder
         */
        public Builder maxSlewPpm(double ppm) {
            this.maxSlewPpm = ppm;
            return this;
        }

        /**
         * @param fraction largest accepted deviation of the sensor's real rate from nominal, 0.001 to 0.25
         *                 (default 0.10, i.e. ±10 %)
         * @return this builder
         */
        public Builder maxRateError(double fraction) {
            this.maxRateErrorFraction = fraction;
            return this;
        }

        /**
         * @return the clock
         * @throws IllegalArgumentException naming the setting that is out of range
         */
        public SampleClock build() {
            if (!(nominalRateHz >= 0.1 && nominalRateHz <= 10000)) {
                throw new IllegalArgumentException("nominal rate " + nominalRateHz + " Hz is outside 0.1..10000 Hz");
            }
            if (nanos == null) {
                throw new IllegalArgumentException("nanos source is missing (use System::nanoTime)");
            }
            if (!(maxSlewPpm >= 1 && maxSlewPpm <= 10000)) {
                throw new IllegalArgumentException("max slew " + maxSlewPpm + " ppm is outside 1..10000 ppm");
            }
            if (!(maxRateErrorFraction >= 0.001 && maxRateErrorFraction <= 0.25)) {
                throw new IllegalArgumentException("max rate error " + maxRateErrorFraction
                        + " is outside 0.001..0.25");
            }
            return new SampleClock(this);
        }
    }
}
