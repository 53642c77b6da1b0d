package org.plmmonitor.monitor.store;

/** What became of a cuff command. */
public enum CuffOutcome {
    /** The controller acknowledged and carried it out. */
    DONE,
    /** The controller refused it (e.g. above its ceiling). */
    REFUSED,
    /** No acknowledgement in time. */
    TIMEOUT,
    /** The controller vented on its own (safety trip, watchdog). */
    SAFETY_VENT,
    /** Any other failure. */
    FAILED
}
