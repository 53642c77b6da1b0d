package org.plmmonitor.bridge.sim;

/**
 * A count reported at most once per interval (PROTOCOL.md §7.8, rate limits): the first report goes
 * out at once, later ones carry what accumulated meanwhile. Thread-safe; time is the caller's
 * monotonic nanoseconds.
 */
final class RateLimitedCount {
    private final long intervalNs;
    private long pending;
    private boolean reported;
    private long lastNs;

    /** @param intervalNs shortest time between two reports, ns, above 0 */
    RateLimitedCount(long intervalNs) {
        if (intervalNs <= 0) {
            throw new IllegalArgumentException("intervalNs = " + intervalNs + "; expected above 0");
        }
        this.intervalNs = intervalNs;
    }

    /** Counts one more event. */
    synchronized void add() {
        pending++;
    }

    /**
     * @param nowNs monotonic time now, ns
     * @return the count to report now (and forgets it), or 0 when nothing is pending or the interval
     *         since the last report has not passed
     */
    synchronized long take(long nowNs) {
        if (pending == 0 || (reported && nowNs - lastNs < intervalNs)) {
            return 0;
        }
        reported = true;
        lastNs = nowNs;
        long n = pending;
        pending = 0;
        return n;
    }
}
