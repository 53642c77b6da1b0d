package org.plmmonitor.monitor.daemon;

import org.plmmonitor.bridge.protocol.Message;

/**
 * What the daemon knows of the compression-cuff controller, as {@code plm status} shows it: the link's
 * state until telemetry arrives, then the controller's own state (PROTOCOL.md section 8) from its latest
 * CUFF_TELEMETRY.
 */
public enum CuffLinkState {
    /** No {@code cuff.type} in the config. */
    NOT_CONFIGURED("not configured"),
    /** The link is being opened, or is open and no telemetry has arrived on it yet. */
    CONNECTING("connecting"),
    /** The controller is idle: pump off, vent open. */
    IDLE("idle"),
    /** The controller is pumping toward a target. */
    INFLATING("inflating"),
    /** The controller holds a target pressure. */
    HOLDING("holding"),
    /** The controller is venting. */
    VENTING("venting"),
    /** The controller latched a fault (vent open, pump off) until a VENT on an empty cuff. */
    FAULT("fault"),
    /** The link was lost (or closed); the session keeps trying to reopen it. */
    DISCONNECTED("disconnected");

    private final String word;

    CuffLinkState(String word) {
        this.word = word;
    }

    /** @return the word status files use, e.g. {@code not configured} */
    public String word() {
        return word;
    }

    /**
     * @param s a controller state from telemetry
     * @return the same state here
     */
    static CuffLinkState of(Message.CuffState s) {
        return switch (s) {
            case IDLE -> IDLE;
            case INFLATING -> INFLATING;
            case HOLDING -> HOLDING;
            case VENTING -> VENTING;
            case FAULT -> FAULT;
        };
    }

    /** @return true while the controller may have air in the cuff that a VENT would let out */
    boolean inflated() {
        return this == INFLATING || this == HOLDING || this == VENTING;
    }
}
