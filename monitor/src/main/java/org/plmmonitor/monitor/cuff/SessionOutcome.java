package org.plmmonitor.monitor.cuff;

import java.util.Locale;

/** How a session ended. */
public enum SessionOutcome {
    /** It ran its length. */
    COMPLETED(false),
    /** {@code plm cuff stop}. */
    STOPPED(true),
    /** The controller reported a fault (a flag appeared, or FAULT). */
    FAULT(true),
    /** The controller refused an INFLATE or did not answer it. */
    REFUSED(true),
    /** The link to the controller was lost. */
    LINK_LOST(true),
    /** The controller reported an inflation still open past the longest inflation. */
    OVERRUN(true),
    /** The night closed. */
    NIGHT_CLOSED(false),
    /** Quiet hours began. */
    QUIET_HOURS(false),
    /** The daemon is stopping. */
    DAEMON_STOPPED(false);

    private final boolean endsNight;

    SessionOutcome(boolean endsNight) {
        this.endsNight = endsNight;
    }

    /** @return whether no other session may start that night (or, scheduled, that day) after this end */
    public boolean endsNight() {
        return endsNight;
    }

    /** @return the word stored and forwarded, e.g. {@code link_lost} */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
