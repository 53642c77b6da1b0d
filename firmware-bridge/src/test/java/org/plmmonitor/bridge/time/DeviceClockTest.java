package org.plmmonitor.bridge.time;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A board with two sensors at 50 Hz sends frames of 25 samples over a link with a jittery delay; its
 * clock is off by a crystal's or an RC oscillator's error. The line must stay near the host's time of
 * acquisition, the same for both sensors, without steps or reversals.
 */
class DeviceClockTest {
    private static final double RATE_HZ = 50;
    private static final int BATCH = 25;
    /** The link's smallest delay, s: the line may sit this far after acquisition. */
    private static final double MIN_DELAY_S = 0.002;

    /** What a run saw: the worst distance to acquisition after convergence, and whether stamps ever fell back. */
    private record Run(double worstErrorAfterS, double worstErrorAtEnd, double minSpacingRatio, double maxSpacingRatio,
                       double maxLegMismatchS, double rateError) {
    }

    /**
     * @param clockError device clock error: its seconds run this much fast (0.02 = 2 % fast)
     * @param hours      length of the run
     * @param convergedS from when on errors count
     * @param seed       the link's jitter
     */
    private static Run run(double clockError, double hours, double convergedS, long seed) {
        Random rnd = new Random(seed);
        DeviceClock clock = new DeviceClock();
        long hostOffsetNs = 5_000_000_000_000L; // the host's monotonic clock does not start at 0
        int total = (int) (hours * 3600 * RATE_HZ);
        double worst = 0;
        double worstEnd = 0;
        double minRatio = Double.POSITIVE_INFINITY;
        double maxRatio = 0;
        double mismatch = 0;
        double[] last = {Double.NaN, Double.NaN};
        // As the daemon's serial board does: samples are held until the line starts, then stamped in order.
        SettlingQueue<double[]> held = new SettlingQueue<>(clock, Integer.MAX_VALUE);
        java.util.List<double[]> ready = new java.util.ArrayList<>();
        for (int first = 0; first < total; first += BATCH) {
            int n = Math.min(BATCH, total - first);
            // Bluetooth-like: usually a few ms, sometimes a burst held back for up to 300 ms.
            double delay = MIN_DELAY_S + (rnd.nextDouble() < 0.05 ? 0.3 * rnd.nextDouble() : 0.02 * rnd.nextDouble());
            // Each sensor's frame of the same samples; the right one a little later.
            for (int leg = 0; leg < 2; leg++) {
                double legDelay = delay + leg * 0.005;
                for (int i = 0; i < n; i++) {
                    int k = first + i;
                    double acquiredS = k / RATE_HZ / (1 + clockError); // a fast clock counts more samples per second
                    double deviceS = k / RATE_HZ;
                    double arrivalS = (first + n - 1) / RATE_HZ / (1 + clockError) + legDelay;
                    clock.observe(deviceS, hostOffsetNs + Math.round(arrivalS * 1e9));
                    held.add(new double[] {leg, deviceS, acquiredS});
                }
                ready.clear();
                held.drainTo(ready::add);
                for (double[] h : ready) {
                    int hl = (int) h[0];
                    double deviceS = h[1];
                    double acquiredS = h[2];
                    double line = clock.map(deviceS) - hostOffsetNs / 1e9;
                    double err = Math.abs(line - acquiredS - MIN_DELAY_S);
                    if (acquiredS >= convergedS) {
                        worst = Math.max(worst, err);
                    }
                    if (acquiredS >= hours * 3600 - 600) {
                        worstEnd = Math.max(worstEnd, err);
                    }
                    if (!Double.isNaN(last[hl])) {
                        double ratio = (line - last[hl]) * RATE_HZ;
                        minRatio = Math.min(minRatio, ratio);
                        maxRatio = Math.max(maxRatio, ratio);
                    }
                    last[hl] = line;
                }
            }
            if (!Double.isNaN(last[0]) && !Double.isNaN(last[1])) {
                mismatch = Math.max(mismatch, Math.abs(last[0] - last[1]));
            }
        }
        return new Run(worst, worstEnd, minRatio, maxRatio, mismatch, clock.rateError());
    }

    @Test
    void aCrystalsDriftIsFollowedWithinMillisecondsAllNight() {
        for (double ppm : new double[] {-100, -20, 50, 100}) {
            Run r = run(ppm * 1e-6, 10, 600, 7);
            // Uncorrected, 100 ppm is 3.6 s by the end of the night.
            assertTrue(r.worstErrorAfterS() < 0.005, ppm + " ppm: worst error " + r.worstErrorAfterS() + " s");
            assertEquals(-ppm * 1e-6 / (1 + ppm * 1e-6), r.rateError(), 5e-6, ppm + " ppm: measured rate error");
        }
    }

    @Test
    void anRcOscillatorsPercentsAreFollowedWithoutStepsOrReversals() {
        for (double error : new double[] {-0.03, 0.02}) {
            Run r = run(error, 8, 900, 11);
            // Uncorrected, 2 % is 72 s an hour.
            assertTrue(r.worstErrorAfterS() < 0.005, error + ": after 15 minutes, worst error " + r.worstErrorAfterS() + " s");
            assertTrue(r.worstErrorAtEnd() < 0.005, error + ": at the end " + r.worstErrorAtEnd() + " s");
            assertEquals(-error / (1 + error), r.rateError(), 2e-5, error + ": measured rate error");
            // Every stamp follows the last by a period between the nominal one (before the rate is known)
            // and the corrected one, give or take the slew and a rate step: never a jump, never backwards,
            // even for the sensor whose frames come later.
            double expected = 1 / (1 + error);
            double slack = DeviceClock.MAX_SLEW + 0.001;
            assertTrue(r.minSpacingRatio() > Math.min(1, expected) - slack && r.maxSpacingRatio() < Math.max(1, expected) + slack,
                    error + ": spacing / nominal period within " + r.minSpacingRatio() + " .. " + r.maxSpacingRatio());
        }
    }

    @Test
    void bothSensorsOfOneBoardShareOneLine() {
        Run r = run(0.01, 2, 0, 3);
        // The same device time maps to the same line time, whichever sensor's frame brought it.
        assertTrue(r.maxLegMismatchS() < 0.001, "legs differ by " + r.maxLegMismatchS() + " s at the same sample");
    }

    @Test
    void aDevicePlayedFasterThanRealTimeKeepsItsOwnSpacing() {
        // A simulator at speed 20 (a device clock "95 % slow"): no oscillator is that far off.
        Run r = run(19, 0.05, 0, 5);
        assertEquals(0, r.rateError(), "nothing corrected");
        assertEquals(1, r.minSpacingRatio(), 1e-9);
        assertEquals(1, r.maxSpacingRatio(), 1e-9);
    }

    /**
     * Issue 12: the line used to start at the first arrival, so a backlog read in one burst (a board that
     * streamed into a pty while the daemon restarted) was stamped ahead of the host by the backlog's length.
     * It is undefined until the least-delayed arrival holds still, then starts there.
     */
    @Test
    void theLineStartsAtTheLeastDelayedArrivalOnceItHoldsStillAndIsUndefinedBefore() {
        DeviceClock c = new DeviceClock();
        assertTrue(Double.isNaN(c.map(1.0)));
        // A 10-s backlog (device 100-110 s) read at host 7 s, then samples as they are taken, 50 ms late.
        for (int k = 0; k <= 250; k++) {
            c.observe(100.0 + k * 0.04, 7_000_000_000L);
        }
        assertTrue(!c.settled() && Double.isNaN(c.map(100.0)), "the offset is still falling: no line yet");
        double settledAtS = Double.NaN;
        for (int k = 251; k <= 400 && Double.isNaN(settledAtS); k++) {
            double deviceS = 100.0 + k * 0.04;
            c.observe(deviceS, Math.round((7.0 + (deviceS - 110.0) + 0.05) * 1e9));
            if (c.settled()) {
                settledAtS = deviceS;
            }
        }
        assertEquals(110.0 + DeviceClock.SETTLE_S, settledAtS, 0.05, "settled once the offset held for SETTLE_S");
        // The backlog's last sample came at once (it was taken as the read began): the least-delayed arrival.
        assertEquals(7.0 - 10.0, c.map(100.0), 1e-9, "the backlog's first sample 10 s before the read");
        assertEquals(7.0, c.map(110.0), 1e-9, "the backlog's last sample at its arrival");
        assertEquals(0.5, c.map(100.5) - c.map(100.0), 1e-12, "device seconds are line seconds until a rate is measured");
    }

    @Test
    void aDeviceWhoseOffsetsKeepFallingStartsAtItsFirstArrivalAfterMaxUnsettled() {
        DeviceClock c = new DeviceClock();
        // A simulator at speed 20: 20 device seconds per host second.
        double deviceS = 0;
        for (; !c.settled(); deviceS += 0.04) {
            c.observe(deviceS, Math.round((5.0 + deviceS / 20) * 1e9));
        }
        assertEquals(DeviceClock.MAX_UNSETTLED_S, deviceS, 0.1);
        assertEquals(5.0, c.map(0.0), 1e-9, "its own spacing from its first arrival, as before");
    }
}
