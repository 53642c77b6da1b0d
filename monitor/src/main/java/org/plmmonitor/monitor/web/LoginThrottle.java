package org.plmmonitor.monitor.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Failed logins per client address: after {@link #MAX_FAILURES} within {@link #WINDOW}, further attempts
 * from that address are refused (HTTP 429) without checking the password, until the oldest failure is a
 * window old. A success clears the address. Thread-safe; bounded to {@link #MAX_CLIENTS} addresses.
 */
final class LoginThrottle {
    /** Failures allowed within {@link #WINDOW}. */
    static final int MAX_FAILURES = 5;
    /** The sliding window the failures are counted in. */
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Addresses remembered at most (the oldest-failing are forgotten first). */
    static final int MAX_CLIENTS = 1024;

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();

    /** @param clock the wall clock the window is measured on */
    LoginThrottle(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param client the client's address
     * @return how many seconds (at least 1) before it may try again, or empty when it may try now
     */
    synchronized OptionalLong retryAfterS(String client) {
        Deque<Instant> f = recent(client);
        if (f == null || f.size() < MAX_FAILURES) {
            return OptionalLong.empty();
        }
        Duration left = Duration.between(clock.instant(), f.peekFirst().plus(WINDOW));
        return OptionalLong.of(Math.max(1, (left.toMillis() + 999) / 1000));
    }

    /** @param client an address whose login failed */
    synchronized void failed(String client) {
        Deque<Instant> f = failures.computeIfAbsent(client, k -> new ArrayDeque<>());
        f.addLast(clock.instant());
        while (f.size() > MAX_FAILURES) {
            f.removeFirst();
        }
        if (failures.size() > MAX_CLIENTS) {
            prune();
        }
    }

    /** @param client an address that logged in: its failures are forgotten */
    synchronized void succeeded(String client) {
        failures.remove(client);
    }

    private Deque<Instant> recent(String client) {
        Deque<Instant> f = failures.get(client);
        if (f == null) {
            return null;
        }
        Instant cutoff = clock.instant().minus(WINDOW);
        while (!f.isEmpty() && !f.peekFirst().isAfter(cutoff)) {
            f.removeFirst();
        }
        if (f.isEmpty()) {
            failures.remove(client);
            return null;
        }
        return f;
    }

    private void prune() {
        Instant cutoff = clock.instant().minus(WINDOW);
        for (Iterator<Deque<Instant>> it = failures.values().iterator(); it.hasNext(); ) {
            Deque<Instant> f = it.next();
            if (f.isEmpty() || !f.peekLast().isAfter(cutoff)) {
                it.remove();
            }
        }
        // Still too many live entries (many addresses failing at once): drop arbitrary ones rather than grow.
        Iterator<String> it = failures.keySet().iterator();
        while (failures.size() > MAX_CLIENTS && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
