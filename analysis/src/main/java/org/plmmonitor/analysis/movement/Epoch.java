package org.plmmonitor.analysis.movement;

/**
 * One second of one leg's signal, for activity plots and time-in-bed accounting.
 *
 * @param startS    time of its first sample, s
 * @param endS      time it ends: the next epoch's first sample, or the last sample plus one period
 * @param activityG RMS of the band-limited acceleration magnitude over the second, g
 * @param state     whether the second counts as analysable time
 */
public record Epoch(double startS, double endS, double activityG, State state) {

    /** How a second counts. */
    public enum State {
        /** Signal present, sensor worn, leg lying: counts toward time in bed. */
        ANALYSABLE,
        /** Signal present but nothing says a leg wears the sensor (no respiration or pulse micro-motion, no movement). */
        UNWORN,
        /** The shank is upright (standing, walking, sitting on the bed's edge). */
        UPRIGHT
    }
}
