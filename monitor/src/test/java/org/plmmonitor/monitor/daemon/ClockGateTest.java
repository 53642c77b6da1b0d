package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.monitor.store.CuffOutcome;
import org.plmmonitor.monitor.store.DeviceEventKind;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nothing passes the clock gate without a UTC time: samples and cuff events wait, bounded, and leave in order. */
class ClockGateTest {
    /** A wall clock the test sets; trusted from {@link #trustedFrom} on. */
    private static final class Wall extends Clock {
        Instant now = Instant.parse("1970-01-01T00:01:00Z");
        Instant trustedFrom = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final Wall wall = new Wall();
    private final List<ClockGate.HeldSample> out = new ArrayList<>();
    private final ClockGate gate = new ClockGate(wall, t -> !t.isBefore(wall.trustedFrom), 3,
            (leg, t, x, y, z) -> out.add(new ClockGate.HeldSample(leg, t, x, y, z)));

    @Test
    void aLiveLineHoldsSamplesUntilTheWallClockIsTrustedThenReleasesThemInOrder() {
        gate.accept(Leg.LEFT, 10.00, 0.1, 0.2, 0.9);
        gate.accept(Leg.RIGHT, 10.01, 0.3, 0.4, 0.8);
        assertEquals(WallClockMapper.Change.NONE, gate.observe(10.5), "a 1970 boot clock is not trusted");
        assertEquals(List.of(), out);
        assertEquals(2, gate.heldSamples());
        assertFalse(gate.anchored());
        assertFalse(gate.passing());

        wall.now = Instant.parse("2026-11-20T21:30:00Z");
        assertEquals(WallClockMapper.Change.SYNCED, gate.observe(11.0));
        assertEquals(List.of(new ClockGate.HeldSample(Leg.LEFT, 10.00, 0.1, 0.2, 0.9),
                new ClockGate.HeldSample(Leg.RIGHT, 10.01, 0.3, 0.4, 0.8)), out, "released in order, legs and values kept");
        assertEquals(0, gate.heldSamples());
        assertTrue(gate.passing());
        assertEquals(Instant.parse("2026-11-20T21:29:59Z").toEpochMilli(), gate.toUtcMs(10.0), "line 11 s is 21:30:00");

        gate.accept(Leg.LEFT, 11.02, 0, 0, 1);
        assertEquals(3, out.size(), "once anchored, samples pass straight through");
    }

    @Test
    void theHoldIsBoundedAndCountsWhatItDrops() {
        for (int i = 0; i < 5; i++) {
            gate.accept(Leg.LEFT, i, 0, 0, 1);
        }
        assertEquals(3, gate.heldSamples());
        assertEquals(2, gate.droppedSamples());
        wall.now = Instant.parse("2026-11-20T21:30:00Z");
        gate.observe(5);
        assertEquals(List.of(2.0, 3.0, 4.0), out.stream().map(ClockGate.HeldSample::t).toList(), "the oldest went");
    }

    @Test
    void aVirtualLineIsAnchoredWithItsFirstSampleAtTheNightItReplays() {
        gate.virtualFrom(Instant.parse("2026-07-01T21:30:00Z"));
        assertTrue(gate.virtual());
        gate.accept(Leg.LEFT, 0.0, 0, 0, 1);
        assertTrue(gate.anchored());
        assertEquals(1, out.size(), "no wall clock needed");
        assertEquals(Instant.parse("2026-07-01T21:30:01Z").toEpochMilli(), gate.toUtcMs(1.0));
    }

    @Test
    void cuffEventsWaitForTheLiveLinesUtcAndTakeItsMapping() {
        CuffMonitor.Note connected = new CuffMonitor.Note(20_000_000_000L, wall.now, DeviceEventKind.CONNECTED, "connected");
        gate.holdCuff(List.of(connected));
        assertEquals(List.of(), gate.releaseCuff(), "no UTC yet");

        wall.now = Instant.parse("2026-11-20T21:30:00Z");
        gate.observe(30.0);
        List<ClockGate.StampedCuffItem> released = gate.releaseCuff();
        assertEquals(List.of(new ClockGate.StampedCuffItem(Instant.parse("2026-11-20T21:29:50Z").toEpochMilli(), connected)),
                released, "its monotonic stamp mapped as a sample's: not its 1970 wall time");
        assertEquals(List.of(), gate.releaseCuff(), "released once");
    }

    @Test
    void cuffEventsBesideAVirtualLineTakeTheirWallTime() {
        gate.virtualFrom(Instant.parse("2026-07-01T21:30:00Z"));
        Instant when = Instant.parse("2026-12-06T22:00:00Z");
        CuffMonitor.Vent vent = new CuffMonitor.Vent(5, when, CuffOutcome.DONE);
        gate.holdCuff(List.of(vent));
        assertEquals(List.of(new ClockGate.StampedCuffItem(when.toEpochMilli(), vent)), gate.releaseCuff());
    }

    @Test
    void heldCuffEventsAreBoundedAndDroppedAtTheEndOfARunWithNoTrustedClock() {
        List<CuffMonitor.Note> many = new ArrayList<>();
        for (int i = 0; i < ClockGate.MAX_HELD_CUFF_ITEMS + 5; i++) {
            many.add(new CuffMonitor.Note(i, wall.now, DeviceEventKind.FAULT, "fault " + i));
        }
        gate.holdCuff(many);
        assertEquals(ClockGate.MAX_HELD_CUFF_ITEMS, gate.dropHeldCuff());
        assertEquals(0, gate.dropHeldCuff());
    }

    @Test
    void aHoldOfNothingIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ClockGate(wall, t -> true, 0, (leg, t, x, y, z) -> { }));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
    }
}
