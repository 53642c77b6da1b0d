package org.plmmonitor.bridge.time;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A board's backlog read in one burst waits in the queue until its clock's line starts, then comes out whole, in
 * order, each sample stamped at or before its arrival; a full queue loses its oldest items and counts them.
 */
class SettlingQueueTest {
    /** A 10-s backlog (device 100-110 s at 25 Hz) read at host 7 s, then samples as they are taken, 50 ms late. */
    private static long arrivalNanos(double deviceS) {
        return deviceS <= 110.0 ? 7_000_000_000L : Math.round((7.0 + (deviceS - 110.0) + 0.05) * 1e9);
    }

    @Test
    void aBacklogWaitsUntilTheClockSettlesThenComesOutWholeInOrderNoneStampedAfterItsArrival() {
        DeviceClock clock = new DeviceClock();
        SettlingQueue<double[]> q = new SettlingQueue<>(clock, Integer.MAX_VALUE);
        List<double[]> out = new ArrayList<>();
        List<Double> lineAtRelease = new ArrayList<>();
        int firstOut = -1;
        for (int k = 0; k <= 400; k++) {
            double deviceS = 100.0 + k * 0.04;
            long arrival = arrivalNanos(deviceS);
            clock.observe(deviceS, arrival);
            q.add(new double[] {deviceS, arrival / 1e9});
            int n = q.drainTo(s -> {
                out.add(s);
                lineAtRelease.add(clock.map(s[0]));
            });
            if (!clock.settled()) {
                assertEquals(0, n, "nothing comes out before the line starts, at device " + deviceS + " s");
                assertEquals(k + 1, q.size(), "everything so far waits");
            } else if (firstOut < 0) {
                firstOut = k;
                assertEquals(k + 1, n, "the whole backlog comes out at once");
            } else {
                assertEquals(1, n, "then each sample as it arrives");
            }
        }
        assertEquals(110.0 + DeviceClock.SETTLE_S, 100.0 + firstOut * 0.04, 0.05, "released once the clock settled");
        assertEquals(401, out.size(), "every sample, once");
        for (int k = 0; k < out.size(); k++) {
            assertEquals(100.0 + k * 0.04, out.get(k)[0], 1e-9, "in arrival order at " + k);
            assertTrue(lineAtRelease.get(k) <= out.get(k)[1] + 1e-9,
                    "sample " + k + " stamped " + lineAtRelease.get(k) + " s, after its arrival at " + out.get(k)[1] + " s");
        }
        assertEquals(7.0 - 10.0, lineAtRelease.get(0), 1e-9, "the backlog's first sample 10 s before the read");
        assertEquals(0, q.dropped());
    }

    @Test
    void aFullQueueDropsItsOldestItemsAndCountsThem() {
        DeviceClock clock = new DeviceClock();
        SettlingQueue<Integer> q = new SettlingQueue<>(clock, 3);
        // A controller at 10 Hz in real time, 20 ms late: it settles after SETTLE_S of its own time.
        int k = 0;
        for (; !clock.settled(); k++) {
            clock.observe(k * 0.1, Math.round((5.0 + k * 0.1 + 0.02) * 1e9));
            q.add(k);
        }
        assertEquals(3, q.size(), "at most the capacity waits");
        assertEquals(k - 3, q.dropped(), "the rest was dropped");
        List<Integer> out = new ArrayList<>();
        assertEquals(3, q.drainTo(out::add));
        assertEquals(List.of(k - 3, k - 2, k - 1), out, "the newest stay, oldest first");
        assertEquals(0, q.drainTo(out::add), "drained");
    }

    @Test
    void aCapacityUnderOneIsRefused() {
        assertEquals("capacity 0 is under 1",
                assertThrows(IllegalArgumentException.class, () -> new SettlingQueue<>(new DeviceClock(), 0)).getMessage());
    }
}
