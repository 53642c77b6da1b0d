package org.plmmonitor.monitor.cuff;

import java.util.Locale;

/** What started a session. */
public enum SessionTrigger {
    /** The scheduled policy's daily window. */
    SCHEDULED,
    /** A PLM series in the open night. */
    SERIES,
    /** Enough candidate movements within the window. */
    MOVEMENTS;

    /** @return the word stored and forwarded, e.g. {@code series} */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
