package org.plmmonitor.monitor.cuff;

/** Where the policy stands. */
public enum SessionState {
    /** The policy is off: nothing is ever sent. */
    OFF,
    /** No session runs; one may start when its trigger comes. */
    WAITING,
    /** A session runs: cycles are sent. */
    RUNNING,
    /**
     * A session ended early (fault, lost link, refused command, stop): no other starts until the next night
     * opens (closed-loop) or the next day's window (scheduled).
     */
    ENDED_FOR_NIGHT;

    /** @return the word {@code plm status} shows, e.g. {@code ended_for_night} */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
