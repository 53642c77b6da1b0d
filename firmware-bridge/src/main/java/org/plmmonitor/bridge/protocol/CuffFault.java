package org.plmmonitor.bridge.protocol;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The fault flags of CUFF_TELEMETRY (PROTOCOL.md section 7.4, the {@code flags} field), with the short
 * words logs, status files and device events use. A telemetry's flags read as an {@link EnumSet}:
 * {@link #of(int)}.
 */
public enum CuffFault {
    /** Bit 0: pressure held at or above the ceiling past the trip time; vented and latched. */
    CEILING_TRIP(Message.CuffTelemetry.FLAG_CEILING_TRIP, "ceiling trip"),
    /** Bit 1: an inflation reached the maximum inflation time; vented. */
    MAX_TIME(Message.CuffTelemetry.FLAG_MAX_TIME, "max time"),
    /** Bit 2: the pump ran too much of the hold; vented. */
    LEAK(Message.CuffTelemetry.FLAG_LEAK, "leak"),
    /** Bit 3: the host went quiet past the controller's watchdog; vented. */
    WATCHDOG_VENT(Message.CuffTelemetry.FLAG_WATCHDOG_VENT, "watchdog vent"),
    /** Bit 4: the pressure sensor read implausibly; vented and latched. */
    SENSOR_FAULT(Message.CuffTelemetry.FLAG_SENSOR_FAULT, "pressure sensor fault"),
    /** Bit 5: the pump or the vent valve does not do what it is told (pump stuck on, vent not venting); latched. */
    ACTUATOR_FAULT(Message.CuffTelemetry.FLAG_ACTUATOR_FAULT, "actuator fault"),
    /** Bit 6: the session reached the controller's maximum session length; vented. */
    SESSION_LIMIT(Message.CuffTelemetry.FLAG_SESSION_LIMIT, "session limit");

    private final int flag;
    private final String word;

    CuffFault(int flag, String word) {
        this.flag = flag;
        this.word = word;
    }

    /** @return the flag's bit in the telemetry's {@code flags} field (a power of two) */
    public int flag() {
        return flag;
    }

    /** @return the word logs, status files and device events use, e.g. {@code watchdog vent} */
    public String word() {
        return word;
    }

    /**
     * @param flags the telemetry's 16-bit flags field; bits PROTOCOL.md does not define are ignored
     *              (a later revision may define them; this host cannot name them)
     * @return an unmodifiable set of the faults whose bits are set; iterates in bit order
     */
    public static Set<CuffFault> of(int flags) {
        EnumSet<CuffFault> out = EnumSet.noneOf(CuffFault.class);
        for (CuffFault f : values()) {
            if ((flags & f.flag) != 0) {
                out.add(f);
            }
        }
        return Collections.unmodifiableSet(out);
    }
}
