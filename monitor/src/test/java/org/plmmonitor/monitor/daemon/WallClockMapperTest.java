package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WallClockMapperTest {
    /** A Pi without a real-time clock: boots at the fake-hwclock time, NTP later steps it to the truth. */
    @Test
    void staleBootTimeIsNeverUsedThenSyncThenJump() {
        Instant stale = Instant.parse("2026-01-05T08:00:00Z"); // last shutdown, restored at boot
        Instant truth = Instant.parse("2026-11-20T22:10:00Z");
        WallClockMapper m = new WallClockMapper();
        // Boot: line 12 s, wall says January; not synced, so no mapping at all.
        assertEquals(WallClockMapper.Change.NONE, m.observe(12.0, stale, false));
        assertFalse(m.anchored());
        assertThrows(IllegalStateException.class, () -> m.toUtcMs(12.0));
        // NTP syncs 40 s later (line 52 s): the wall clock is now right.
        assertEquals(WallClockMapper.Change.SYNCED, m.observe(52.0, truth, true));
        assertTrue(m.anchored());
        // Samples taken before the sync get their true dates, not January's.
        assertEquals(truth.minusSeconds(40).toEpochMilli(), m.toUtcMs(12.0));
        assertEquals(truth.plusMillis(1500).toEpochMilli(), m.toUtcMs(53.5));
        // Slew and jitter below the tolerance move nothing.
        assertEquals(WallClockMapper.Change.NONE, m.observe(152.0, truth.plusSeconds(100).plusMillis(800), true));
        assertEquals(truth.plusSeconds(100).toEpochMilli(), m.toUtcMs(152.0));
        // A step of the wall clock (an hour forward) re-anchors.
        assertEquals(WallClockMapper.Change.JUMPED, m.observe(252.0, truth.plusSeconds(200 + 3600), true));
        assertEquals(1, m.reanchors());
        assertEquals(3600.0, m.lastShiftS(), 1e-6);
        assertEquals(truth.plusSeconds(300 + 3600).toEpochMilli(), m.toUtcMs(352.0));
        // A time taken before the jump but converted after it (a late epoch) keeps the anchor it had.
        assertEquals(truth.plusSeconds(190).toEpochMilli(), m.toUtcMs(242.0));
        assertEquals(truth.minusSeconds(40).toEpochMilli(), m.toUtcMs(12.0));
        // Distrust later (e.g. timesync restarting) keeps the mapping.
        assertEquals(WallClockMapper.Change.NONE, m.observe(400.0, stale, false));
        assertTrue(m.anchored());
    }

    /** A cuff session's UTC times go back onto the line the night's report uses, each part by its own anchor. */
    @Test
    void toLineSInvertsToUtcMsOnEitherSideOfAJump() {
        Instant truth = Instant.parse("2026-11-20T22:10:00Z");
        WallClockMapper m = new WallClockMapper();
        assertThrows(IllegalStateException.class, () -> m.toLineS(truth.toEpochMilli()));
        m.observe(52.0, truth, true);
        assertEquals(52.0, m.toLineS(truth.toEpochMilli()), 1e-9);
        assertEquals(-100.0, m.toLineS(truth.minusSeconds(152).toEpochMilli()), 1e-9, "before the first sample: below 0");
        m.observe(252.0, truth.plusSeconds(200 + 3600), true);
        for (double line : new double[] {12.0, 242.0, 252.0, 352.5}) {
            assertEquals(line, m.toLineS(m.toUtcMs(line)), 1e-3, "line " + line);
        }
    }

    @Test
    void subMillisecondLineTimesKeepTheirOrder() {
        WallClockMapper m = new WallClockMapper();
        m.observe(0.0, Instant.parse("2026-11-20T22:00:00Z"), true);
        assertTrue(m.toUtcMs(1.0004) <= m.toUtcMs(1.0006));
        assertEquals(Instant.parse("2026-11-20T22:00:01Z").toEpochMilli(), m.toUtcMs(1.0004));
    }

    @Test
    void toleranceIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> new WallClockMapper(0));
    }

    /** A night across a daylight-saving change lasts an hour less or more and keeps one name. */
    @Test
    void nightAcrossDaylightSavingStaysOneNight() {
        NightSchedule s = new NightSchedule(java.time.LocalTime.of(21, 30), java.time.LocalTime.of(7, 30),
                ZoneId.of("Europe/Berlin"));
        NightSchedule.Window spring = s.windowAt(Instant.parse("2026-03-29T03:00:00Z")).orElseThrow();
        assertEquals("2026-03-28", spring.nightId());
        assertEquals(Duration.ofHours(9), Duration.between(spring.start(), spring.end()));
        NightSchedule.Window autumn = s.windowOf(LocalDate.of(2026, 10, 24));
        assertEquals(Duration.ofHours(11), Duration.between(autumn.start(), autumn.end()));
        assertEquals(autumn, s.windowAt(autumn.end().minusMillis(1)).orElseThrow());
        assertTrue(s.windowAt(autumn.end()).isEmpty(), "the end is exclusive");
        assertTrue(s.windowAt(Instant.parse("2026-10-25T12:00:00Z")).isEmpty(), "midday is outside");
        // A simulated night replays the latest window that has opened.
        Clock noon = Clock.fixed(Instant.parse("2026-10-25T11:00:00Z"), ZoneOffset.UTC);
        assertEquals(autumn, s.latestStartingBy(noon.instant()));
    }
}
