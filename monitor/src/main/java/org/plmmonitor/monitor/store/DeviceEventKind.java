package org.plmmonitor.monitor.store;

/** What happened to a device (sensor, cuff, the monitor itself). */
public enum DeviceEventKind {
    /** A device connected or reconnected. */
    CONNECTED,
    /** A device went away (unplugged, out of range). */
    DISCONNECTED,
    /** Samples were missing: the detail says how long. */
    SIGNAL_GAP,
    /** A battery level or low-battery warning. */
    BATTERY,
    /** The sensor was judged taken off, or put back on. */
    WEAR_CHANGE,
    /** The wall clock was synced (or jumped). */
    CLOCK_SYNC,
    /** The local store reported a problem (e.g. disk full). */
    STORAGE,
    /** Any other fault; the detail says what (for the cuff: one event per telemetry fault flag as it appears). */
    FAULT,
    /**
     * A cuff controller refused the host's limits (SET_LIMITS answered with NACK, or not answered in time):
     * it keeps its own runtime limits, at most its compiled ones; the detail says why.
     */
    LIMITS_REFUSED,
    /** A cuff therapy session started; the detail starts with {@code trigger=WORD}. */
    SESSION_STARTED,
    /**
     * A cuff therapy session ended; the detail starts with {@code outcome=WORD cycles=N max_pressure_mmhg=X}.
     */
    SESSION_ENDED,
    /** Informational. */
    INFO
}
