package org.plmmonitor.monitor.influx;

/** What the forwarder is doing. */
public enum ForwarderState {
    /** Started, no cycle finished yet. */
    STARTING,
    /** The outbox was empty at the last look. */
    IDLE,
    /** Writing a backlog. */
    FORWARDING,
    /** The last write failed; waiting before the next attempt. */
    BACKING_OFF,
    /** Closed. */
    STOPPED
}
