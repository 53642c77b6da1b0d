package org.plmmonitor.analysis.movement;

import org.plmmonitor.analysis.time.TimeInterval;

/**
 * Receives what a streaming detector finds. Called on the detector's thread, in time order per leg.
 */
public interface DetectionListener {
    /** A movement has ended (its offset is known). */
    void onMovement(LegMovement movement);

    /** A stretch of analysable time (signal present, sensor worn, lying) has closed. */
    default void onAnalysable(Leg leg, TimeInterval interval) {
    }

    /**
     * A burst of activity that was judged not to be a leg movement (for diagnostics and the daemon's
     * activity log).
     *
     * @param reason why, e.g. {@code POSTURE_CHANGE}, {@code VIBRATION}, {@code RHYTHMIC}, {@code TOO_SHORT}
     */
    default void onRejected(Leg leg, TimeInterval span, String reason) {
    }

    /** A gap in the signal (no samples) has been recognised. */
    default void onGap(Leg leg, TimeInterval gap) {
    }

    /**
     * One second's activity and state, final. Delivered in time order, up to a few minutes late
     * (wear is judged over minutes).
     */
    default void onEpoch(Leg leg, Epoch epoch) {
    }
}
