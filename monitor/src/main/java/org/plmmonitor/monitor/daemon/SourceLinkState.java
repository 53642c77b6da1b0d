package org.plmmonitor.monitor.daemon;

/**
 * A live source's link as {@code plm status} shows it ({@code sources[].link}). Sources without a link
 * (simulator, replay, I2C) have none, shown as null.
 */
public enum SourceLinkState {
    /** The port is open and the board has sent a valid frame since it opened. */
    CONNECTED("connected"),
    /** Not yet opened, lost, or open with the board silent; the daemon keeps reopening it. */
    DISCONNECTED("disconnected");

    private final String word;

    SourceLinkState(String word) {
        this.word = word;
    }

    /** @return the word status files use */
    public String word() {
        return word;
    }
}
