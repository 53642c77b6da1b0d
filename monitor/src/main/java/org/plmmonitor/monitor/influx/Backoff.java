package org.plmmonitor.monitor.influx;

import java.time.Duration;

/**
 * Capped exponential backoff: the wait after the n-th consecutive failure is
 * {@code min(initial * 2^(n-1), max)}. No jitter: one monitor talks to its server.
 *
 * @param initial wait after the first failure, {@code > 0}
 * @param max     cap, {@code >= initial}
 */
public record Backoff(Duration initial, Duration max) {
    public Backoff {
        if (initial == null || max == null || initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff initial " + initial + " must be > 0 and <= max " + max);
        }
    }

    /**
     * @param failures consecutive failures so far, {@code >= 1}
     * @return how long to wait before the next attempt
     */
    public Duration delayAfter(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures " + failures + " must be >= 1");
        }
        int shift = Math.min(failures - 1, 40);
        long ms = initial.toMillis();
        long capped = ms > (max.toMillis() >> shift) ? max.toMillis() : ms << shift;
        return Duration.ofMillis(Math.min(capped, max.toMillis()));
    }
}
