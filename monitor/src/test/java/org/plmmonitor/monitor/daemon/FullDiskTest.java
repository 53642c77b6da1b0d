package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.StoreConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, full disk: a store at its cap, or a really full filesystem, ends neither a simulated run
 * nor its night, and leaves only whole files behind.
 */
class FullDiskTest {
    private static final Clock WALL = Clock.fixed(Instant.parse("2026-07-02T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final List<LogRecord> logged = new ArrayList<>();
    private final Logger root = Logger.getLogger("org.plmmonitor.monitor");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (logged) {
                logged.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        root.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        root.removeHandler(capture);
    }

    private static MonitorDaemon daemon(Path db, long capBytes, double hours, int rateHz) {
        MonitorConfig cfg = MonitorConfig.builder().web(WebConfig.OFF)
                .sensor(Leg.LEFT, new SensorConfig.Simulator(3, 1000, rateHz))
                .sensor(Leg.RIGHT, new SensorConfig.Simulator(3, 1000, rateHz))
                .store(StoreConfig.builder().path(db).maxDatabaseBytes(capBytes).build())
                .timeZone(ZoneOffset.UTC)
                .build();
        return new MonitorDaemon(cfg, DaemonOptions.builder().once(true).fast(true).simulatedHours(hours).build(),
                WALL, System::nanoTime, t -> true, bus -> {
                    throw new AssertionError("no bus");
                });
    }

    /**
     * store.max_database_mb = 1: the raw signal (about 1.7 MB an hour for two legs at 100 Hz) fills its file's cap
     * within the first hour; the hour's small items (about 0.3 MB) still fit in theirs.
     */
    @Test
    void aStoreAtItsCapNeitherEndsNorShortensTheNight() throws Exception {
        Path db = dir.resolve("data").resolve("plm.db");
        List<ClosedNight> nights = daemon(db, StoreConfig.MIN_DATABASE_BYTES, 1.0, 100).run();

        assertEquals(1, nights.size());
        ClosedNight n = nights.get(0);
        assertEquals(3600_000.0, (double) (n.endUtcMs() - n.startUtcMs()), 100, "the night runs to its end");
        assertTrue(Files.exists(n.report()), "the report is written: only the store is full");
        int found = n.analysis().result().movements().size();
        assertTrue(found > 0, "the simulated night has movements");
        String status = Files.readString(dir.resolve("data").resolve(StatusFile.JSON));
        assertTrue(status.contains("\"state\": \"DISK_FULL\""), status);
        // (What is held for a retry at that moment depends on where the writer is in its cycle: not asserted.)
        assertTrue(status.contains("\"dropped_activity_s\": 0"), "activity fits beside the raw signal: " + status);
        try (LocalStore store = LocalStore.open(db, StoreConfig.defaults(), WALL)) {
            // The small items got in beside the raw signal that could not: every movement is stored.
            assertEquals(found, store.movements(n.nightId()).size());
        }
        assertOneLineAndOnceEach();
    }

    /** A 2 MiB filesystem under the whole data directory: the store, status files and report all meet it. */
    @Test
    void aFullFilesystemLeavesWholeFilesAndSaysWhatWasLost() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        List<ClosedNight> nights;
        try (SmallTmpfs fs = SmallTmpfs.mount(data, "2m")) {
            nights = daemon(data.resolve("plm.db"), 0, 2.0, 25).run();

            assertEquals(1, nights.size());
            ClosedNight n = nights.get(0);
            assertEquals(2 * 3600_000.0, (double) (n.endUtcMs() - n.startUtcMs()), 100, "the night runs to its end");
            try (Stream<Path> files = Files.walk(data)) {
                List<Path> tmp = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
                assertEquals(List.of(), tmp, "nothing half-written is left");
            }
            for (String name : List.of(StatusFile.JSON, StatusFile.TEXT)) {
                Path f = data.resolve(name);
                if (Files.exists(f)) {
                    assertEquals(java.util.Optional.empty(), StatusFile.problemIn(Files.readString(f), name.equals(StatusFile.JSON)),
                            name + " is the last good one, whole");
                }
            }
            if (!Files.exists(n.report())) {
                assertTrue(messages().stream().anyMatch(m -> m.contains("night report is lost") && m.contains(n.report().toString())),
                        "a lost report is said, naming its file: " + messages());
            } else {
                assertTrue(Files.size(n.report()) > 0);
            }
            assertTrue(messages().stream().anyMatch(m -> m.contains("disk full")), "the full disk is said: " + messages());
            assertEquals(Heartbeat.SIZE, Files.size(data.resolve(Heartbeat.FILE)), "the heartbeat is whole, at its fixed size");
            if (messages().stream().anyMatch(m -> m.startsWith("status file not written"))) {
                assertTrue(Heartbeat.read(data, Instant.now()).orElseThrow().statusProblem().isPresent()
                        || messages().stream().anyMatch(m -> m.startsWith("status files written again")),
                        "the heartbeat says the status was not written, unless writing came back: " + messages());
            }
        }
        assertOneLineAndOnceEach();
    }

    /**
     * A night opened again on a full store (a second night of the run, a restart, {@code plm night start} after
     * {@code end}) looks for its stored part while the store holds what it could not write: that look must not
     * throw out of the night (it called {@code flush()}, which throws on a full store).
     */
    @Test
    void lookingForAStoredPartOfTheNightOnAFullStoreDoesNotThrow() {
        Path db = dir.resolve("data").resolve("plm.db");
        StoreConfig cfg = StoreConfig.builder().path(db).maxDatabaseBytes(StoreConfig.MIN_DATABASE_BYTES).build();
        String night = "2026-07-01";
        long start = Instant.parse("2026-07-01T22:00:00Z").toEpochMilli();
        java.util.Random rnd = new java.util.Random(12);
        try (LocalStore store = LocalStore.open(db, cfg, WALL)) {
            store.putNight(new org.plmmonitor.monitor.store.NightRecord(night, start, null, ZoneOffset.UTC, 0, 0, "test",
                    org.plmmonitor.analysis.detect.DetectorConfig.VERSION, org.plmmonitor.analysis.score.ScoringStandard.WASM2016));
            assertTrue(store.flushUnlessFull());
            // Incompressible raw signal until the raw file's cap refuses it; what it refused stays queued.
            for (int c = 0; c < 400 && store.health().state() == org.plmmonitor.monitor.store.StoreState.OK; c++) {
                short[] counts = new short[3000];
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = (short) rnd.nextInt(8192);
                }
                store.putRawChunk(new org.plmmonitor.monitor.store.RawChunk(night, Leg.LEFT, start + c * 10_000L, 100,
                        1 / 4096.0, 3, counts));
                store.flushUnlessFull();
            }
            assertEquals(org.plmmonitor.monitor.store.StoreState.DISK_FULL, store.health().state());
            store.putRawChunk(new org.plmmonitor.monitor.store.RawChunk(night, Leg.RIGHT, start, 100, 1 / 4096.0, 3,
                    new short[3000]));
            org.junit.jupiter.api.Assertions.assertThrows(org.plmmonitor.monitor.store.StoreException.class, store::flush,
                    "what the look used to call throws on this store");

            NightSession.Prior prior = NightSession.Prior.find(store, night,
                    org.plmmonitor.analysis.detect.DetectorConfig.VERSION);

            assertEquals(new NightSession.Prior(start), prior, "the committed night record is found");
            assertNull(NightSession.Prior.find(store, night, "another-detector"), "another detector's analysis is not resumed");
        }
    }

    private List<String> messages() {
        synchronized (logged) {
            return logged.stream().map(LogRecord::getMessage).toList();
        }
    }

    /** No stack traces in the log of a full disk, and no warning repeated at every status tick. */
    private void assertOneLineAndOnceEach() {
        Set<String> seen = new HashSet<>();
        synchronized (logged) {
            for (LogRecord r : logged) {
                if (r.getLevel().intValue() < java.util.logging.Level.WARNING.intValue()) {
                    continue;
                }
                assertNull(r.getThrown(), "no stack trace for: " + r.getMessage());
                assertTrue(seen.add(r.getMessage()), "said once, not at every tick: " + r.getMessage());
            }
        }
    }
}
