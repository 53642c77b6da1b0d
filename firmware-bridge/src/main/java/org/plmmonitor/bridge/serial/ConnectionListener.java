package org.plmmonitor.bridge.serial;

/** Told when a {@link ReconnectingLink} gains or loses its device. Called on the reading thread. */
public interface ConnectionListener {
    /**
     * @param path    the configured path
     * @param attempt 1 for the first connection, then counting every reconnection
     */
    default void onConnected(String path, long attempt) {
    }

    /**
     * @param path  the configured path
     * @param cause why (never null)
     */
    default void onDisconnected(String path, Exception cause) {
    }
}
