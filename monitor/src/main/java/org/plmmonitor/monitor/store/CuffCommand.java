package org.plmmonitor.monitor.store;

/** A command sent to the compression cuff controller. */
public enum CuffCommand {
    /** Inflate to a target pressure and hold. */
    INFLATE,
    /** Hold the current pressure. */
    HOLD,
    /** Open the vent: deflate. */
    VENT,
    /** Stop a session. */
    STOP
}
