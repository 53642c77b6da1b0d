package org.plmmonitor.bridge.time;

import java.util.ArrayDeque;

/**
 * Moves a serial device's own time (sample counter / nominal rate, in seconds) onto the host's monotonic
 * line, in seconds, for every sensor of that device alike (so that two legs on one board stay aligned).
 *
 * <p>A microcontroller's clock is off by tens of ppm with a crystal and by up to a few % with an RC
 * oscillator, so one offset taken at the first sample would put the end of a night seconds (or minutes)
 * away from the host's clock. The mapping is piecewise linear in device time and follows the host the
 * way {@link SampleClock} does, with the link's latency filtered out:
 * <ul>
 *   <li><b>latency</b>: each sample is observed when it arrives; host minus device time is its offset
 *   plus the link's delay (USB: ~1 ms; Bluetooth: bursts of tens of ms). The sample with the smallest
 *   offset in each {@value #WINDOW_S}-s window of device time, the measured drift taken out, is taken
 *   as that window's true offset.</li>
 *   <li><b>rate</b>: the device clock's error is the slope of those minima over a baseline of
 *   {@value #MIN_BASELINE_S} to {@value #MAX_BASELINE_S} s. Beyond ±{@value #MAX_RATE_ERROR} the
 *   device is not a drifting clock but a simulator or a replay played faster or slower than real time:
 *   then nothing is corrected and the line keeps the device's own spacing.</li>
 *   <li><b>phase</b>: what remains between the line and the minima is slewed away with a time constant
 *   of {@value #PHASE_TIME_CONSTANT_S} s, by at most {@value #MAX_SLEW} of elapsed time beyond the rate:
 *   a slew, never a step. In steady state that is a few ppm; the bound matters while the line settles
 *   in its first minutes (the first sample arrives with its whole frame, up to a second late, and an
 *   RC oscillator's percents are only known after {@value #MIN_BASELINE_S} s).</li>
 * </ul>
 * Each correction starts a new piece at the latest device time seen; earlier device times keep the
 * piece they fell in, so a sensor whose frames lag the other's never sees its stamps jump or go back.
 *
 * <p><b>Where the line starts.</b> A board that streamed while nobody read it (the daemon restarting, a pty or
 * a Bluetooth buffer holding its frames) delivers a backlog in one burst: its first sample arrives seconds
 * after it was taken. Starting the line at that first arrival stamped the whole night that far ahead of the
 * wall clock (10.9 s seen) until the slew caught up at 1 % of elapsed time. The burst is bunched arrival, not a
 * device clock running fast: a sample is never taken after it arrives, so the least-delayed arrival bounds
 * the offset. The clock therefore waits until that bound holds still (it has not dropped by more than
 * {@value #SETTLE_TOLERANCE_S} s over {@value #SETTLE_S} s of device time: the backlog is read and samples
 * arrive as they are taken), and starts the line at the smallest host-minus-device offset seen, so that no
 * sample, the backlog included, is stamped after its arrival and every spacing stays the device's. Until then
 * {@link #map} is undefined ({@link #settled()} is false) and callers hold the samples in a {@link SettlingQueue}. A
 * device whose offsets
 * keep falling for {@value #MAX_UNSETTLED_S} s of device time runs faster than real time (a simulator or a
 * replay played fast; or a backlog longer than that): its line starts at its first arrival and keeps its own
 * spacing, as before. Thread-safe (one device's reader thread, in practice).
 */
public final class DeviceClock {
    /** Device seconds over which the smallest host-minus-device offset is taken. */
    public static final double WINDOW_S = 10.0;
    /** Shortest baseline (device s) over which the device's rate is measured before it is used. */
    public static final double MIN_BASELINE_S = 60.0;
    /** Longest baseline (device s): older minima are dropped so that slow (thermal) drift is followed. */
    public static final double MAX_BASELINE_S = 600.0;
    /** Largest rate error corrected: an RC oscillator's worst case. */
    public static final double MAX_RATE_ERROR = 0.10;
    /** Time constant (s) with which a phase offset is slewed away. */
    public static final double PHASE_TIME_CONSTANT_S = 30.0;
    /** Largest phase slew, as a fraction of elapsed time (1 % = 36 s per hour). */
    public static final double MAX_SLEW = 0.01;
    /** Device seconds over which the least-delayed offset must hold still before the line starts. */
    public static final double SETTLE_S = 2.0;
    /** How far the least-delayed offset may still fall and count as holding still, s (a link's jitter). */
    public static final double SETTLE_TOLERANCE_S = 0.1;
    /** Device seconds of falling offsets after which the device is taken to run faster than real time. */
    public static final double MAX_UNSETTLED_S = 30.0;
    /** Pieces kept for sensors whose frames lag: far more than a frame's worth of device time. */
    private static final int PIECES = 8;

    /** The linear pieces, oldest first: {device s where it begins, line s there, slope minus one}. */
    private final ArrayDeque<double[]> pieces = new ArrayDeque<>();
    /** The rate correction in use (line seconds per device second, minus one). */
    private double rate;
    /** Whether the device's time runs within an oscillator's error of the host's (known after two windows). */
    private boolean realTime;

    /** The latest device time observed from any sensor: new pieces start there. */
    private double latestS = Double.NaN;
    private double windowStart = Double.NaN;
    private double windowMin;
    private double windowMinAt;
    /** {device s, smallest offset s} of each closed window, oldest first. */
    private final ArrayDeque<double[]> minima = new ArrayDeque<>();

    /** Before the line starts: the first observation, device s and host s. */
    private double firstS = Double.NaN;
    private double firstHostS;
    /** Before the line starts: the smallest offset seen and its device time. */
    private double leastOffset;
    private double leastAtS;
    /** Before the line starts: the offset at the last fall beyond the tolerance, and its device time. */
    private double fallOffset;
    private double fallAtS;

    /**
     * One sample arrived.
     *
     * @param deviceS     its time on the device's line, s (non-decreasing per sensor)
     * @param hostNanos   the host's monotonic clock when it arrived, ns
     */
    public synchronized void observe(double deviceS, long hostNanos) {
        double hostS = hostNanos / 1e9;
        double offset = hostS - deviceS;
        if (pieces.isEmpty()) {
            settle(deviceS, hostS, offset);
            return;
        }
        latestS = Math.max(latestS, deviceS);
        // Least delayed = smallest offset once the known drift is taken out: at 3 % the raw offset moves
        // 0.3 s across a window, far more than the link's jitter.
        if (offset - rate * deviceS < windowMin - rate * windowMinAt) {
            windowMin = offset;
            windowMinAt = deviceS;
        }
        if (latestS - windowStart < WINDOW_S) {
            return;
        }
        minima.addLast(new double[] {windowMinAt, windowMin});
        while (minima.size() > 2 && latestS - minima.peekFirst()[0] > MAX_BASELINE_S) {
            minima.removeFirst();
        }
        double[] oldest = minima.peekFirst();
        double[] newest = minima.peekLast();
        if (minima.size() < 2) {
            realTime = false; // one window says nothing about the rate yet: no correction at all
        } else {
            double measured = (newest[1] - oldest[1]) / (newest[0] - oldest[0]);
            // Beyond any oscillator's error the device is not running in real time (a simulator or a
            // replay played fast): its own time is then the only sensible one. Two windows tell that;
            // the rate itself is trusted from a longer baseline.
            realTime = Math.abs(measured) <= MAX_RATE_ERROR;
            if (!realTime) {
                rate = 0;
            } else if (newest[0] - oldest[0] >= MIN_BASELINE_S) {
                rate = measured;
            }
        }
        // A new linear piece from the latest device time: continuous with the old one, so no stamp jumps.
        double lineNow = map(latestS);
        double target = newest[1] + rate * (latestS - newest[0]);
        double phaseError = target - (lineNow - latestS);
        double slope = realTime ? rate + clamp(phaseError / PHASE_TIME_CONSTANT_S, MAX_SLEW) : 0;
        pieces.addLast(new double[] {latestS, lineNow, slope});
        if (pieces.size() > PIECES) {
            pieces.removeFirst();
        }
        windowStart = latestS;
        windowMin = offset;
        windowMinAt = deviceS;
    }

    /** Before the line starts: follows the least-delayed offset and starts the line once it holds still. */
    private void settle(double deviceS, double hostS, double offset) {
        if (Double.isNaN(firstS)) {
            firstS = deviceS;
            firstHostS = hostS;
            latestS = deviceS;
            leastOffset = offset;
            leastAtS = deviceS;
            fallOffset = offset;
            fallAtS = deviceS;
        }
        latestS = Math.max(latestS, deviceS);
        if (offset < leastOffset) {
            leastOffset = offset;
            leastAtS = deviceS;
        }
        if (offset < fallOffset - SETTLE_TOLERANCE_S) {
            fallOffset = offset;
            fallAtS = deviceS;
        }
        if (latestS - fallAtS >= SETTLE_S) {
            start(leastOffset, leastAtS); // real time: the least-delayed arrival bounds every sample's
        } else if (latestS - firstS >= MAX_UNSETTLED_S) {
            start(firstHostS - firstS, firstS); // faster than real time: its own spacing from its first arrival
        }
    }

    private void start(double offset, double atS) {
        pieces.add(new double[] {firstS, firstS + offset, 0});
        // The first window still begins at the first sample: on a stream without a backlog the windows (and so
        // the measured rate) are the ones a line started at the first arrival had.
        windowStart = firstS;
        windowMin = offset;
        windowMinAt = atS;
    }

    /** @return whether the line has started: {@link #map} is defined from then on ({@link SettlingQueue} holds samples until then) */
    public synchronized boolean settled() {
        return !pieces.isEmpty();
    }

    /**
     * @param deviceS a time on the device's line, s
     * @return the same instant on the host's monotonic line, s (strictly increasing in {@code deviceS});
     *         NaN until {@link #settled()}
     */
    public synchronized double map(double deviceS) {
        if (pieces.isEmpty()) {
            return Double.NaN;
        }
        double[] piece = pieces.peekFirst();
        for (var it = pieces.descendingIterator(); it.hasNext(); ) {
            double[] p = it.next();
            if (deviceS >= p[0]) {
                piece = p;
                break;
            }
        }
        return piece[1] + (deviceS - piece[0]) * (1 + piece[2]);
    }

    /** @return the device clock's measured error: host seconds per device second minus one (0.01 = device 1 % slow) */
    public synchronized double rateError() {
        return rate;
    }

    private static double clamp(double v, double bound) {
        return Math.max(-bound, Math.min(bound, v));
    }
}
