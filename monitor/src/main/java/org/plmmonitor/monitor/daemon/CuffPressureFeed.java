package org.plmmonitor.monitor.daemon;

import org.plmmonitor.analysis.signal.PressureSink;
import org.plmmonitor.bridge.time.DeviceClock;
import org.plmmonitor.bridge.time.SettlingQueue;

/**
 * The cuff controller's telemetry pressure on its way to the night pipeline. Each frame is stamped at the
 * source by the controller's uptime (PROTOCOL.md 7.4, u32 ms, wrapping: unwrapped modulo 2^32 as sequence
 * numbers are) and observed when it arrives, so that a {@link DeviceClock} moves it onto the host's
 * monotonic line as a serial board's samples are moved (link latency filtered, the controller's oscillator
 * followed). The session's reader thread adds; the daemon's processing thread drains, through the
 * {@link SettlingQueue} that holds them until the controller's clock has settled. A stalled processing thread
 * loses the oldest frames first, beyond {@link #MAX_QUEUED} (20 minutes at 10 Hz).
 */
final class CuffPressureFeed {
    /** Frames kept for the processing thread at most. */
    static final int MAX_QUEUED = 12_000;
    private static final long WRAP = 1L << 32;

    private final DeviceClock clock = new DeviceClock();
    /** {device s unwrapped, pressure mmHg}. */
    private final SettlingQueue<double[]> queue = new SettlingQueue<>(clock, MAX_QUEUED);
    /** The uptime's unwrapping; guarded by this (the reader thread's). */
    private long lastRawMs = -1;
    private long wraps;

    /**
     * A telemetry frame arrived (reader thread).
     *
     * @param deviceMs  the controller's uptime in the frame, ms, 0 to 2^32-1 (wraps)
     * @param hostNanos the host's monotonic clock at arrival, ns
     * @param mmHg      the frame's pressure, mmHg
     */
    synchronized void add(long deviceMs, long hostNanos, double mmHg) {
        if (lastRawMs >= 0 && deviceMs < lastRawMs && lastRawMs - deviceMs > WRAP / 2) {
            wraps++;
        }
        lastRawMs = deviceMs;
        double deviceS = (wraps * WRAP + deviceMs) / 1000.0;
        clock.observe(deviceS, hostNanos);
        queue.add(new double[] {deviceS, mmHg});
    }

    /**
     * Hands the queued pressures, on the host's monotonic line, to a sink, or forgets them (no night open,
     * or a run whose line is virtual).
     *
     * @param sink where they go, or null to forget them
     * @return how many were drained (none while the controller's clock has not yet settled)
     */
    int drainTo(PressureSink sink) {
        return queue.drainTo(f -> {
            if (sink != null) {
                sink.accept(clock.map(f[0]), f[1]);
            }
        });
    }

    /** @return frames lost to a stalled processing thread since start */
    long dropped() {
        return queue.dropped();
    }
}
