package org.plmmonitor.bridge.i2c;

/** Why a sensor's data stream was interrupted. */
public enum FaultKind {
    /** A bus transfer failed (no acknowledge, "Remote I/O error", bus stuck). */
    IO_ERROR,
    /** The identity register returned the wrong value: device vanished, replaced or reset oddly. */
    WRONG_ID,
    /** Samples were all zero on every axis, bit for bit, for the configured count: impossible under gravity. */
    ZERO_DATA,
    /** Samples were bit-identical for the configured count: real sensor noise never holds that still. */
    FROZEN_DATA,
    /** No new samples arrived for the stall timeout (e.g. the part reset itself into standby). */
    STALLED
}
