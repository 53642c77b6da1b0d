package org.plmmonitor.monitor.daemon;

import org.plmmonitor.monitor.config.NightConfig;
import org.plmmonitor.monitor.store.NightIds;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The night window in local time: from {@code start} to {@code end} (the next morning when end is
 * earlier). Window edges are placed by local wall-clock arithmetic, so a window across a daylight-saving
 * change lasts an hour less or more and stays one night, named by the local date of its evening.
 *
 * @param start local time the window opens
 * @param end   local time it closes
 * @param zone  the configured zone
 */
public record NightSchedule(LocalTime start, LocalTime end, ZoneId zone) {

    /** One night's window. @param nightId its name @param start opens @param end closes (exclusive) */
    public record Window(String nightId, Instant start, Instant end) {
    }

    /** @return the schedule of a night config in a zone */
    public static NightSchedule of(NightConfig night, ZoneId zone) {
        return new NightSchedule(night.start(), night.end(), zone);
    }

    /** @return the window whose evening falls on a local date */
    public Window windowOf(LocalDate evening) {
        Instant s = ZonedDateTime.of(evening, start, zone).toInstant();
        LocalDate endDate = end.isAfter(start) ? evening : evening.plusDays(1);
        Instant e = ZonedDateTime.of(endDate, end, zone).toInstant();
        return new Window(NightIds.of(s, zone), s, e);
    }

    /**
     * @param t a UTC instant
     * @return the window containing it, if any
     */
    public Optional<Window> windowAt(Instant t) {
        LocalDate d = t.atZone(zone).toLocalDate();
        for (LocalDate c : new LocalDate[] {d, d.minusDays(1)}) {
            Window w = windowOf(c);
            if (!t.isBefore(w.start()) && t.isBefore(w.end())) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    /**
     * A night opened by hand at {@code t}: named by the local date of its evening, it runs to the next
     * scheduled end.
     *
     * @param t when it opens
     * @return its window
     */
    public Window manualFrom(Instant t) {
        LocalDate d = t.atZone(zone).toLocalDate();
        Instant end = null;
        for (LocalDate c : new LocalDate[] {d.minusDays(1), d, d.plusDays(1)}) {
            Instant e = windowOf(c).end();
            if (e.isAfter(t) && (end == null || e.isBefore(end))) {
                end = e;
            }
        }
        return new Window(org.plmmonitor.monitor.store.NightIds.of(t, zone), t, end);
    }

    /**
     * @param t a UTC instant
     * @return the latest window that opens at or before it (the one a simulated night replays)
     */
    public Window latestStartingBy(Instant t) {
        LocalDate d = t.atZone(zone).toLocalDate();
        Window w = windowOf(d);
        return w.start().isAfter(t) ? windowOf(d.minusDays(1)) : w;
    }
}
