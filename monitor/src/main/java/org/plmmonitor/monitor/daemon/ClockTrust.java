package org.plmmonitor.monitor.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * When the wall clock may be believed. A Raspberry Pi has no real-time clock: it boots with the time it
 * was shut down at (fake-hwclock) or 1970, and is right only once NTP has synced.
 */
public final class ClockTrust {
    /** systemd-timesyncd creates this file once it has synchronised the clock. */
    public static final Path TIMESYNC_FLAG = Path.of("/run/systemd/timesync/synchronized");
    /** Earliest plausible time: this software did not exist before it. */
    public static final Instant FLOOR = Instant.parse("2026-01-01T00:00:00Z");

    private ClockTrust() {
    }

    /**
     * @return on a systemd host, true once timesyncd reports sync (and the time is past {@link #FLOOR});
     *         elsewhere (containers, CI), true when the time is past {@link #FLOOR}
     */
    public static Predicate<Instant> system() {
        boolean systemd = Files.isDirectory(Path.of("/run/systemd/system"));
        if (!systemd) {
            return t -> t.isAfter(FLOOR);
        }
        return new Predicate<>() {
            private boolean synced;

            @Override
            public boolean test(Instant t) {
                // Once synced the kernel keeps time; no need to stat the flag on every poll.
                if (!synced) {
                    synced = Files.exists(TIMESYNC_FLAG);
                }
                return synced && t.isAfter(FLOOR);
            }
        };
    }
}
