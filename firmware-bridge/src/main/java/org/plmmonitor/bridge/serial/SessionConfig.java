package org.plmmonitor.bridge.serial;

/**
 * Host-side protocol timing.
 *
 * @param heartbeatIntervalMs host HEARTBEAT period, 50..5000 ms; must stay well under the device's
 *                            watchdog (3000 ms in PROTOCOL.md) so a Bluetooth hiccup does not vent the cuff
 * @param silenceReconnectMs  reopen the link when no valid frame arrived for this long, 500..60000 ms
 *                            (devices send at least a HEARTBEAT per second)
 */
public record SessionConfig(int heartbeatIntervalMs, int silenceReconnectMs) {
    /** 500 ms heartbeats, reopen after 5 s of silence. */
    public static final SessionConfig DEFAULT = new SessionConfig(500, 5000);

    public SessionConfig {
        if (heartbeatIntervalMs < 50 || heartbeatIntervalMs > 5000) {
            throw new IllegalArgumentException("heartbeatIntervalMs = " + heartbeatIntervalMs + " is outside 50..5000");
        }
        if (silenceReconnectMs < 500 || silenceReconnectMs > 60_000) {
            throw new IllegalArgumentException("silenceReconnectMs = " + silenceReconnectMs + " is outside 500..60000");
        }
    }
}
