package org.plmmonitor.bridge.sim;

import java.util.Locale;

/** What a simulated device does. */
public enum DeviceRole {
    /** Ankle-sensor hub: streams samples. */
    SENSOR,
    /** Cuff controller: telemetry and commands. */
    CUFF,
    /** Both on one board. */
    BOTH;

    /** @return true when samples are streamed */
    public boolean streams() {
        return this != CUFF;
    }

    /** @return true when a cuff is controlled */
    public boolean cuff() {
        return this != SENSOR;
    }

    /**
     * @param text {@code sensor}, {@code cuff} or {@code both}, any case
     * @return the role
     * @throws IllegalArgumentException naming the text and the accepted values
     */
    public static DeviceRole parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role '" + text + "' is not one of sensor, cuff, both", e);
        }
    }
}
