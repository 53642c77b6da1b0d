package org.plmmonitor.monitor.daemon;

import org.plmmonitor.bridge.protocol.Message.CuffTelemetry;

import java.util.ArrayList;
import java.util.List;

/** The fault flags of CUFF_TELEMETRY (PROTOCOL.md section 7.4), with the words status files use. */
public enum CuffFault {
    /** Bit 0: pressure held at or above the ceiling past the trip time; vented and latched. */
    CEILING_TRIP(CuffTelemetry.FLAG_CEILING_TRIP, "ceiling trip"),
    /** Bit 1: an inflation reached the maximum inflation time; vented. */
    MAX_TIME(CuffTelemetry.FLAG_MAX_TIME, "max time"),
    /** Bit 2: the pump ran too much of the hold; vented. */
    LEAK(CuffTelemetry.FLAG_LEAK, "leak"),
    /** Bit 3: the host went quiet past the controller's watchdog; vented. */
    WATCHDOG_VENT(CuffTelemetry.FLAG_WATCHDOG_VENT, "watchdog vent"),
    /** Bit 4: the pressure sensor read implausibly; vented and latched. */
    SENSOR_FAULT(CuffTelemetry.FLAG_SENSOR_FAULT, "pressure sensor fault");

    private final int flag;
    private final String word;

    CuffFault(int flag, String word) {
        this.flag = flag;
        this.word = word;
    }

    /** @return the telemetry flag bit */
    public int flag() {
        return flag;
    }

    /** @return the word status files and device events use, e.g. {@code watchdog vent} */
    public String word() {
        return word;
    }

    /**
     * @param flags the telemetry's flags field (bits the protocol does not define are ignored)
     * @return the faults whose bits are set, in bit order
     */
    public static List<CuffFault> of(int flags) {
        List<CuffFault> out = new ArrayList<>();
        for (CuffFault f : values()) {
            if ((flags & f.flag) != 0) {
                out.add(f);
            }
        }
        return out;
    }
}
