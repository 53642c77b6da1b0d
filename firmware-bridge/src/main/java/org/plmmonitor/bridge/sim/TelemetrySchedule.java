package org.plmmonitor.bridge.sim;

import org.plmmonitor.bridge.protocol.Message.CuffState;

/**
 * When a cuff controller sends CUFF_TELEMETRY (PROTOCOL.md §7.4): every period, and at once when the
 * state or the flags differ from the last frame sent; the period then carries on from that frame.
 * Times are the caller's seconds on one monotonic line.
 */
final class TelemetrySchedule {
    private final double periodS;
    private double nextS;
    private CuffState lastState;
    private int lastFlags = -1;

    /** @param periodS seconds between periodic frames, above 0 (0.1 for 10 Hz) */
    TelemetrySchedule(double periodS) {
        if (!(periodS > 0)) {
            throw new IllegalArgumentException("periodS = " + periodS + "; expected above 0");
        }
        this.periodS = periodS;
    }

    /**
     * @param state the controller's state now
     * @param flags its flags now
     * @return true when they differ from the last frame sent (or none was sent): send one at once
     */
    boolean changed(CuffState state, int flags) {
        return state != lastState || flags != lastFlags;
    }

    /**
     * @param nowS time now, s
     * @return true when the periodic frame is due
     */
    boolean periodicDue(double nowS) {
        return nowS >= nextS;
    }

    /**
     * Records a frame sent.
     *
     * @param nowS  when, s
     * @param state the state it carried
     * @param flags the flags it carried
     */
    void sent(double nowS, CuffState state, int flags) {
        nextS = nowS + periodS;
        lastState = state;
        lastFlags = flags;
    }
}
