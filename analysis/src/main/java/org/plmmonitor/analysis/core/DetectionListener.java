package org.plmmonitor.analysis.core;

/**
 * Receives what a streaming detector finds. Called on the detector's thread, in time order per leg.
 */
public interface DetectionListener {
    /** A movement has ended (its offset is known). */
    void onMovement(LegMovement movement);

    /** A stretch of analysable time (signal present, sensor worn, lying) has closed. */
    default void onAnalysable(Leg leg, TimeInterval interval) {
    }

    /** A gap in the signal (no samples, or an unworn sensor) has been recognised. */
    default void onGap(Leg leg, TimeInterval gap) {
    }
}
