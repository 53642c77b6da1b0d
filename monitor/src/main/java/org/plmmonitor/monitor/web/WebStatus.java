package org.plmmonitor.monitor.web;

import java.util.Objects;

/**
 * The daemon's web interface as {@code plm status} shows it ({@code web{state, url, message}}).
 *
 * @param state   whether it serves
 * @param url     where it serves, or null unless {@link State#SERVING}
 * @param message why it did not start (one line, naming the command to run when a user is missing), or ""
 */
public record WebStatus(State state, String url, String message) {
    /** The web was not configured to run. */
    public static final WebStatus DISABLED = new WebStatus(State.DISABLED, null, "");

    /** Whether the daemon's web serves. */
    public enum State {
        /** {@code web.enabled = false}. */
        DISABLED("disabled"),
        /** Serving at {@link WebStatus#url()}. */
        SERVING("serving"),
        /** Enabled but refused or failed to start; the daemon measures on. */
        NOT_STARTED("not started");

        private final String word;

        State(String word) {
            this.word = word;
        }

        /** @return the word status shows */
        public String word() {
            return word;
        }
    }

    public WebStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
    }
}
