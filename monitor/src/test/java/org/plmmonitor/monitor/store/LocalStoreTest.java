package org.plmmonitor.monitor.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.score.ScoringStandard;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalStoreTest {
    private static final Instant EVENING = Instant.parse("2026-11-23T21:30:00Z");

    @TempDir
    Path dir;

    private LocalStore open(StoreConfig cfg, MutableClock clock) {
        return LocalStore.open(dir.resolve("plm.db"), cfg, clock);
    }

    @Test
    void storesEveryKindAndReadsItBack() {
        SyntheticNight n = new SyntheticNight(EVENING, 3600, 1);
        try (LocalStore store = open(StoreConfig.defaults(), new MutableClock(EVENING))) {
            n.activity.forEach(store::putActivity);
            n.movements.forEach(store::putMovement);
            n.series.forEach(store::putSeries);
            n.events.forEach(store::putDeviceEvent);
            n.cuff.forEach(store::putCuffAction);
            n.sessions.forEach(store::putCuffSession);
            store.putNight(n.night);
            store.flush();

            assertEquals("2026-11-23", n.nightId);
            assertEquals(List.of(n.night), store.nights());
            assertEquals(n.movements, store.movements(n.nightId));
            assertEquals(n.series, store.series(n.nightId, SyntheticNight.DETECTOR));
            assertEquals(3600, store.activity(n.nightId, Leg.LEFT).size());
            assertEquals(n.activity.get(1), store.activity(n.nightId, Leg.RIGHT).get(0));
            assertEquals(n.events, store.deviceEvents(n.nightId));
            assertEquals(n.cuff, store.cuffActions(n.nightId));
            assertEquals(n.sessions, store.cuffSessions(n.nightId));
            StoreHealth h = store.health();
            assertEquals(StoreState.OK, h.state());
            assertEquals(n.pointCount(), h.committedItems());
            assertEquals(0, h.outboxBacklog(), "store-only mode keeps no outbox");
            assertEquals(0, store.outboxBacklog());
        }
    }

    @Test
    void streamingUpdateReplacesAndNewDetectorKeepsOldAnalysis() {
        SyntheticNight n = new SyntheticNight(EVENING, 1800, 2);
        try (LocalStore store = open(StoreConfig.builder().forwardingEnabled(true).build(), new MutableClock(EVENING))) {
            n.pendingMovements.forEach(store::putMovement);
            store.flush();
            assertTrue(store.movements(n.nightId).stream().allMatch(m -> !m.decided() && m.seriesId() == null));
            n.movements.forEach(store::putMovement);
            store.putNight(n.night);
            store.flush();
            assertEquals(n.movements, store.movements(n.nightId), "the decided movement replaced the pending one");

            // Re-analysis by a newer detector: both analyses kept; the latest one is the default view.
            StoredMovement first = n.movements.get(0);
            StoredMovement redone = new StoredMovement(first.nightId(), first.leg(), first.onsetUtcMs(), first.offsetUtcMs(),
                    first.onsetS(), first.offsetS(), true, false, null, true, first.peakG(), first.rmsG(), "det-2.0",
                    ScoringStandard.WASM2016);
            store.putMovement(redone);
            store.putNight(new NightRecord(n.nightId, n.startMs, n.night.endUtcMs(), n.night.timeZone(), 1, 1, "0.2", "det-2.0",
                    ScoringStandard.WASM2016));
            store.flush();
            assertEquals(List.of(redone), store.movements(n.nightId));
            assertEquals(n.movements, store.movements(n.nightId, SyntheticNight.DETECTOR));
            assertEquals(2, store.nights().size());
            // One outbox row per write (the forwarder sends the current state; InfluxDB overwrites).
            assertEquals(n.pendingMovements.size() + n.movements.size() + 1 + 2, store.outboxBacklog());
            OutboxBatch b = store.outboxBatch(0, 100_000);
            assertEquals(n.movements.size() + 1 + 2, b.entries().size(), "repeated rows are sent once, in their current state");
            assertTrue(b.entries().stream().map(OutboxEntry::item).filter(i -> i instanceof StoredMovement)
                    .map(i -> (StoredMovement) i).filter(m -> m.detectorVersion().equals(SyntheticNight.DETECTOR))
                    .allMatch(StoredMovement::decided));
            store.ackOutbox(b.lastSeq());
            store.flush();
            assertEquals(0, store.outboxBacklog());
            assertEquals(0, store.health().outboxBacklog());
        }
    }

    @Test
    void rawChunksRoundTripLosslesslyAndCompress() {
        Random rnd = new Random(3);
        List<RawChunk> chunks = new ArrayList<>();
        try (LocalStore store = open(StoreConfig.defaults(), new MutableClock(EVENING))) {
            for (int c = 0; c < 30; c++) {
                RawChunk chunk = noisyChunk("2026-11-23", Leg.RIGHT, EVENING.toEpochMilli() + c * 10_000L, rnd, 3);
                chunks.add(chunk);
                store.putRawChunk(chunk);
            }
            // Extreme steps wrap in 16 bits and must still come back exactly.
            short[] extreme = {Short.MIN_VALUE, Short.MAX_VALUE, 0, Short.MAX_VALUE, Short.MIN_VALUE, -1};
            RawChunk ex = new RawChunk("2026-11-23", Leg.LEFT, EVENING.toEpochMilli(), 100, 1 / 4096.0, 3, extreme);
            store.putRawChunk(ex);
            store.flush();
            List<RawChunk> back = new ArrayList<>();
            store.rawChunks("2026-11-23", Leg.RIGHT, back::add);
            assertEquals(chunks, back);
            List<RawChunk> left = new ArrayList<>();
            store.rawChunks("2026-11-23", Leg.LEFT, left::add);
            assertEquals(List.of(ex), left);
            // A span reads only the chunks that start in it: [start of chunk 5, start of chunk 12).
            List<RawChunk> span = new ArrayList<>();
            store.rawChunks("2026-11-23", Leg.RIGHT, chunks.get(5).startUtcMs(), chunks.get(12).startUtcMs(), span::add);
            assertEquals(chunks.subList(5, 12), span);
            LocalStore.RawFootprint f = store.rawFootprint("2026-11-23");
            assertEquals(31, f.chunks());
            assertTrue(f.compressedBytes() < f.counts() * 2 * 0.6, "delta+deflate should at least halve quiet signal: " + f);
        }
    }

    /** 10 s at 100 Hz of a lying, quiet sensor: gravity on z, a few counts of noise. */
    static RawChunk noisyChunk(String night, Leg leg, long startMs, Random rnd, double noiseCounts) {
        short[] counts = new short[1000 * 3];
        for (int i = 0; i < 1000; i++) {
            counts[3 * i] = (short) Math.round(100 + rnd.nextGaussian() * noiseCounts);
            counts[3 * i + 1] = (short) Math.round(-250 + rnd.nextGaussian() * noiseCounts);
            counts[3 * i + 2] = (short) Math.round(4096 + rnd.nextGaussian() * noiseCounts);
        }
        return new RawChunk(night, leg, startMs, 100, 1 / 4096.0, 3, counts);
    }

    @Test
    void retentionDeletesOldNightsAndOlderRawSignal() {
        MutableClock clock = new MutableClock(EVENING);
        StoreConfig cfg = StoreConfig.builder().retentionDays(30).rawRetentionDays(7).build();
        Random rnd = new Random(4);
        try (LocalStore store = open(cfg, clock)) {
            SyntheticNight old = new SyntheticNight(EVENING, 7200, 5);           // 2026-11-23
            SyntheticNight recent = new SyntheticNight(EVENING.plus(Duration.ofDays(20)), 600, 6); // 2026-12-13
            for (SyntheticNight n : List.of(old, recent)) {
                n.activity.forEach(store::putActivity);
                n.movements.forEach(store::putMovement);
                n.events.forEach(store::putDeviceEvent);
                store.putNight(n.night);
                for (int c = 0; c < 5; c++) {
                    store.putRawChunk(noisyChunk(n.nightId, Leg.LEFT, n.startMs + c * 10_000L, rnd, 2));
                }
            }
            store.flush();
            clock.advance(Duration.ofDays(25)); // old night is 25 days back, recent one 5
            store.retainNow();
            assertEquals(2, store.nights().size());
            assertEquals(0, store.rawFootprint(old.nightId).chunks(), "raw signal past 7 days is gone");
            assertEquals(5, store.rawFootprint(recent.nightId).chunks());
            assertEquals(old.movements, store.movements(old.nightId), "the night itself is kept for 30 days");

            clock.advance(Duration.ofDays(10)); // old night 35 days back (> 2000 activity rows: several batches)
            store.retainNow();
            assertEquals(List.of(recent.night), store.nights());
            assertTrue(store.movements(old.nightId).isEmpty());
            assertTrue(store.activity(old.nightId, Leg.LEFT).isEmpty());
            assertTrue(store.deviceEvents(old.nightId).isEmpty());
            assertEquals(600, store.activity(recent.nightId, Leg.LEFT).size());
            assertEquals(0, store.rawFootprint(recent.nightId).chunks(), "recent raw is 15 days old now");
        }
    }

    @Test
    void aReaderOpeningTheStoreDeletesNothingTheDaemonsRetentionKeeps() {
        // The daemon keeps nights for 1000 days and raw signal for 900; a night 500 days old is within both.
        MutableClock clock = new MutableClock(EVENING);
        StoreConfig daemon = StoreConfig.builder().retentionDays(1000).rawRetentionDays(900).build();
        SyntheticNight old = new SyntheticNight(EVENING, 600, 8);
        try (LocalStore store = open(daemon, clock)) {
            old.movements.forEach(store::putMovement);
            store.putNight(old.night);
            store.putRawChunk(noisyChunk(old.nightId, Leg.LEFT, old.startMs, new Random(8), 2));
            store.flush();
        }
        clock.advance(Duration.ofDays(500));
        // Opening runs retention at the writer's first cycle; retainNow() runs it at a known point. The defaults
        // (400 days, raw 60) delete both.
        try (LocalStore store = open(StoreConfig.forReading(dir.resolve("plm.db")), clock)) {
            store.retainNow();
            assertEquals(List.of(old.night), store.nights());
            assertEquals(old.movements, store.movements(old.nightId));
            assertEquals(1, store.rawFootprint(old.nightId).chunks());
        }
        try (LocalStore store = open(StoreConfig.defaults(), clock)) {
            store.retainNow();
            assertTrue(store.nights().isEmpty(), "the defaults would have deleted it: the test can fail");
        }
    }

    @Test
    void deleteAllRemovesEverythingIncludingQueuedItems() throws Exception {
        SyntheticNight n = new SyntheticNight(EVENING, 600, 7);
        Path db = dir.resolve("plm.db");
        try (LocalStore store = open(StoreConfig.builder().forwardingEnabled(true).build(), new MutableClock(EVENING))) {
            n.activity.forEach(store::putActivity);
            store.putNight(n.night);
            store.flush();
            n.movements.forEach(store::putMovement); // still queued when deleteAll arrives
            store.deleteAll();
            store.flush();
            assertTrue(store.nights().isEmpty());
            assertTrue(store.movements(n.nightId, SyntheticNight.DETECTOR).isEmpty());
            assertTrue(store.activity(n.nightId, Leg.LEFT).isEmpty());
            assertEquals(0, store.outboxBacklog());
            store.putNight(n.night); // still usable afterwards
            store.flush();
            assertEquals(1, store.nights().size());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM activity")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }

    @Test
    void diskFullIsReportedDetectionKeepsRunningAndNothingButRawIsLost() {
        MutableClock clock = new MutableClock(EVENING);
        StoreConfig cfg = StoreConfig.builder().maxDatabaseBytes(1 << 20).maxQueuedItems(1000).rawRetentionDays(7).build();
        Random rnd = new Random(8);
        String oldNight = "2026-11-20";
        try (LocalStore store = open(cfg, clock)) {
            // Fill the capped database with incompressible raw signal of an older night.
            int stored = 0;
            StoreException full = null;
            for (int batch = 0; batch < 100 && full == null; batch++) {
                for (int c = 0; c < 20; c++) {
                    store.putRawChunk(noisyChunk(oldNight, Leg.LEFT, EVENING.toEpochMilli() + (stored++) * 10_000L, rnd, 3000));
                }
                try {
                    store.flush();
                } catch (StoreException e) {
                    full = e;
                }
            }
            assertTrue(full != null, "the 1 MiB cap must fill up");
            assertTrue(full.getMessage().contains("disk full"), full.getMessage());
            StoreHealth h = store.health();
            assertEquals(StoreState.DISK_FULL, h.state());
            assertTrue(h.message().contains("detection continues"), h.message());

            // Detection keeps running: puts do not throw; the bound drops the oldest raw chunks, never events.
            SyntheticNight n = new SyntheticNight(EVENING, 600, 9);
            for (int c = 0; c < 1500; c++) {
                store.putRawChunk(noisyChunk(n.nightId, Leg.RIGHT, n.startMs + c * 10_000L, rnd, 3000));
            }
            n.movements.forEach(store::putMovement);
            n.events.forEach(store::putDeviceEvent);
            store.putNight(n.night);
            assertThrows(StoreException.class, store::flush);
            h = store.health();
            assertTrue(h.droppedRawChunks() >= 500, "dropped " + h.droppedRawChunks());
            assertTrue(h.queuedItems() <= 1000 + n.movements.size() + n.events.size() + 1, "queued " + h.queuedItems());
            assertEquals(0, h.droppedActivity());

            // Space comes back (the old night's raw signal passes its retention): everything held is written.
            clock.advance(Duration.ofDays(8));
            store.retainNow();
            // The held raw chunks of the new night still exceed the cap: keep retrying until the bound lets the rest in.
            for (int i = 0; i < 3; i++) {
                try {
                    store.flush();
                    break;
                } catch (StoreException e) {
                    store.retainNow();
                }
            }
            assertEquals(n.movements, store.movements(n.nightId));
            assertEquals(n.events, store.deviceEvents(n.nightId));
            assertEquals(1, store.nights().size());
        }
    }

    @Test
    void aFullStoreIsWaitedForWithoutFailingAndHoldsAtMostTheRawBoundInMemory() {
        MutableClock clock = new MutableClock(EVENING);
        // The item bound is far above the raw bound: the raw bound alone must keep memory small.
        StoreConfig cfg = StoreConfig.builder().maxDatabaseBytes(1 << 20).maxQueuedItems(100_000).build();
        Random rnd = new Random(12);
        SyntheticNight n = new SyntheticNight(EVENING, 600, 13);
        try (LocalStore store = open(cfg, clock)) {
            boolean written = true;
            int chunks = 0;
            for (int batch = 0; batch < 100 && written; batch++) {
                for (int c = 0; c < 20; c++) {
                    store.putRawChunk(noisyChunk(n.nightId, Leg.LEFT, n.startMs + (chunks++) * 10_000L, rnd, 3000));
                }
                written = store.flushUnlessFull();
            }
            assertFalse(written, "the 1 MiB cap must fill up, and flushUnlessFull must say so instead of throwing");
            assertEquals(StoreState.DISK_FULL, store.health().state());

            for (int c = 0; c < 3 * WriteQueue.MAX_RAW_CHUNKS; c++) {
                store.putRawChunk(noisyChunk(n.nightId, Leg.RIGHT, n.startMs + c * 10_000L, rnd, 300));
            }
            n.movements.forEach(store::putMovement);
            assertFalse(store.flushUnlessFull());
            StoreHealth h = store.health();
            assertTrue(h.queuedItems() <= WriteQueue.MAX_RAW_CHUNKS + n.movements.size(), "queued " + h.queuedItems());
            assertTrue(h.droppedRawChunks() >= 2L * WriteQueue.MAX_RAW_CHUNKS, "dropped " + h.droppedRawChunks());
            assertEquals(StoreState.DISK_FULL, h.state());
        }
    }

    @Test
    void outboxIsCappedOldestFirstWhenInfluxNeverComesBack() {
        SyntheticNight n = new SyntheticNight(EVENING, 6000, 10); // 12,000 activity seconds
        StoreConfig cfg = StoreConfig.builder().forwardingEnabled(true).maxOutboxRows(10_000).build();
        try (LocalStore store = open(cfg, new MutableClock(EVENING))) {
            store.flush(); // the first writer cycle runs retention; the fixed clock never makes it due again
            n.activity.forEach(store::putActivity);
            store.flush();
            assertEquals(12_000, store.outboxBacklog());
            store.retainNow();
            assertEquals(10_000, store.outboxBacklog());
            assertEquals(10_000, store.health().outboxBacklog());
            OutboxBatch b = store.outboxBatch(0, 1);
            assertEquals(n.activity.get(2000), b.entries().get(0).item(), "the oldest rows were dropped");
            assertEquals(6000, store.activity(n.nightId, Leg.LEFT).size(), "the items themselves stay stored");
        }
    }

    @Test
    void configValidationNamesTheBadValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoreConfig.builder().retentionDays(10).rawRetentionDays(20).build());
        assertTrue(e.getMessage().contains("raw retention days 20"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StoreConfig.builder().flushInterval(Duration.ofMinutes(1)).build());
        assertTrue(e.getMessage().contains("flush interval PT1M"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ActivitySecond("2026-13-01", Leg.LEFT, 0, 0, true, true));
        assertTrue(e.getMessage().contains("2026-13-01"), e.getMessage());
    }

    @Test
    void nightIdIsTheEveningsLocalDateAcrossDst() {
        // 2026-10-25: clocks go back in Berlin. 03:30 local on the 25th belongs to the night of the 24th.
        assertEquals("2026-10-24", NightIds.of(Instant.parse("2026-10-25T02:30:00Z"), SyntheticNight.ZONE));
        assertEquals("2026-10-24", NightIds.of(Instant.parse("2026-10-24T20:00:00Z"), SyntheticNight.ZONE));
        assertEquals("2026-10-25", NightIds.of(Instant.parse("2026-10-25T11:30:00Z"), SyntheticNight.ZONE));
        assertFalse(NightIds.of(Instant.parse("2026-10-25T10:59:00Z"), SyntheticNight.ZONE).equals("2026-10-25"));
    }

    @Test
    void closedStoreRefusesWrites() {
        LocalStore store = open(StoreConfig.defaults(), new MutableClock(EVENING));
        store.close();
        assertEquals(StoreState.CLOSED, store.health().state());
        assertThrows(IllegalStateException.class, () -> store.putNight(new SyntheticNight(EVENING, 60, 1).night));
        assertNull(store.health().lastCommit());
    }
}
