package org.plmmonitor.monitor.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Names nights. A night is named by the local date of its evening in the configured time zone:
 * any time from 12:00 local to 11:59:59 the next day belongs to the night named by the first day,
 * so a night across a daylight-saving change (7 or 9 hours) stays one night.
 */
public final class NightIds {
    /** Local hour at which one night's name ends and the next begins. */
    private static final int NOON = 12;

    private NightIds() {
    }

    /**
     * @param time a UTC instant
     * @param zone the configured time zone of the patient's bedroom
     * @return the night id, {@code yyyy-MM-dd}
     */
    public static String of(Instant time, ZoneId zone) {
        // Local wall-clock arithmetic: on a daylight-saving day the boundary stays at 12:00 local.
        return time.atZone(zone).toLocalDateTime().minusHours(NOON).toLocalDate().toString();
    }

    /**
     * @param nightId a candidate night id
     * @return the id, unchanged
     * @throws IllegalArgumentException naming the value when it is not an ISO date {@code yyyy-MM-dd}
     */
    public static String requireValid(String nightId) {
        if (nightId == null) {
            throw new IllegalArgumentException("night id is missing (expected yyyy-MM-dd)");
        }
        try {
            LocalDate.parse(nightId);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("night id '" + nightId + "' is not a date yyyy-MM-dd", e);
        }
        return nightId;
    }
}
