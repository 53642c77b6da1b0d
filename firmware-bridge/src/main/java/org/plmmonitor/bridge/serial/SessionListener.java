package org.plmmonitor.bridge.serial;

import org.plmmonitor.bridge.protocol.Message;

/** Receives a {@link DeviceSession}'s messages and connection changes, on its reader thread. */
public interface SessionListener {
    /**
     * A valid frame arrived.
     *
     * @param message the decoded message
     */
    default void onMessage(Message message) {
    }

    /**
     * The link (re)connected; HELLO has been sent.
     *
     * @param path    the configured path
     * @param attempt 1 for the first connection, counting reconnections after
     */
    default void onConnected(String path, long attempt) {
    }

    /**
     * The link was lost; the session is reopening it.
     *
     * @param path   the configured path
     * @param reason what happened
     */
    default void onDisconnected(String path, String reason) {
    }
}
