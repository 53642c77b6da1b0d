package org.plmmonitor.monitor.store;

/** Condition of the local store, as shown in its health snapshot. */
public enum StoreState {
    /** Writes are committing. */
    OK,
    /** The disk (or the configured size cap) is full: writes are held in memory, bounded, and retried. */
    DISK_FULL,
    /** Commits fail for another I/O reason: held and retried like {@link #DISK_FULL}. */
    IO_ERROR,
    /** Closed. */
    CLOSED
}
