package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.detect.DetectorConfig;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.LegMovement;
import org.plmmonitor.analysis.pipeline.NightAnalysis;
import org.plmmonitor.analysis.score.ScoredMovement;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.analysis.signal.SampleSink;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.store.DeviceEvent;
import org.plmmonitor.monitor.store.DeviceEventKind;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightRecord;
import org.plmmonitor.monitor.store.StoreConfig;
import org.plmmonitor.monitor.store.StoredMovement;
import org.plmmonitor.monitor.store.StoredSeries;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A daemon killed mid-night and started again: one night, one report, the stored rows as the report says.
 * The kill is an {@link Error} thrown from a source (as an OutOfMemoryError would be): the daemon is dying
 * and must not close the night as if it were whole, like a kill -9 that never gets to close it.
 */
class ResumedNightTest {
    @TempDir
    Path dir;

    /** Long enough for several series on both sides of the kill (the simulated night starts with sleep onset). */
    private static final double HOURS = 3;
    private static final double NIGHT_S = HOURS * 3600;

    private static final Clock WALL = Clock.fixed(Instant.parse("2026-07-02T09:00:00Z"), ZoneOffset.UTC);

    /** What a kill -9 is to the daemon: it stops where it is. */
    static final class Killed extends Error {
        Killed() {
            super("killed");
        }
    }

    private static MonitorConfig simulated(Path db) {
        return MonitorConfig.builder().web(WebConfig.OFF)
                .sensor(Leg.LEFT, new SensorConfig.Simulator(3, 1000, 25))
                .sensor(Leg.RIGHT, new SensorConfig.Simulator(3, 1000, 25))
                .store(StoreConfig.builder().path(db).build())
                .timeZone(ZoneOffset.UTC)
                .build();
    }

    private static DaemonOptions once() {
        return DaemonOptions.builder().once(true).fast(true).simulatedHours(HOURS).build();
    }

    /** The configured simulators, each killed (the run ends at once) when it reaches {@code killAtS} of line time. */
    private static FeedOpener killedAt(MonitorConfig cfg, double killAtS) {
        ConfiguredFeeds feeds = new ConfiguredFeeds(cfg, once(), bus -> {
            throw new AssertionError("no bus");
        }, System::nanoTime);
        return (leg, sensor, sink) -> feeds.open(leg, sensor, (SampleSink) block -> {
            if (block.count() > 0 && block.lastS() >= killAtS) {
                throw new Killed();
            }
            sink.accept(block);
        });
    }

    private static MonitorDaemon daemon(MonitorConfig cfg, FeedOpener feeds) {
        return new MonitorDaemon(cfg, once(), WALL, System::nanoTime, t -> true, feeds);
    }

    private static MonitorDaemon daemon(MonitorConfig cfg) {
        return new MonitorDaemon(cfg, once(), WALL, System::nanoTime, t -> true, bus -> {
            throw new AssertionError("no bus");
        });
    }

    /**
     * A simulated night killed at 1.5 h and started again: the simulator plays the night from its start, so
     * the second run covers the first part again. One report, equal to an uninterrupted run's; the store holds
     * what the report says, once.
     */
    @Test
    void aSimulatedNightKilledAndRestartedIsOneNightEqualToAnUninterruptedOne() throws Exception {
        ClosedNight whole = daemon(simulated(dir.resolve("whole").resolve("plm.db"))).run().get(0);

        Path db = dir.resolve("resumed").resolve("plm.db");
        MonitorConfig cfg = simulated(db);
        assertThrows(Killed.class, () -> daemon(cfg, killedAt(cfg, 5400)).run());
        Path nights = db.getParent().resolve("nights");
        assertFalse(Files.exists(nights.resolve(whole.nightId() + ".json")), "a killed run writes no report");
        ClosedNight resumed = daemon(cfg).run().get(0);

        assertEquals(whole.nightId(), resumed.nightId());
        assertEquals(nights.resolve(whole.nightId() + ".json"), resumed.report());
        try (Stream<Path> files = Files.list(nights)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".part")).toList());
        }
        assertTrue(whole.analysis().result().series().size() > 1, "a night with series to number");
        assertEquals(movements(whole.analysis()), movements(resumed.analysis()));
        assertEquals(whole.analysis().result().series().size(), resumed.analysis().result().series().size());

        NightRecord wholeRecord;
        List<DeviceEvent> wholeEvents;
        try (LocalStore store = LocalStore.open(dir.resolve("whole").resolve("plm.db"), StoreConfig.defaults(), WALL)) {
            wholeRecord = store.nights().get(0);
            wholeEvents = store.deviceEvents(whole.nightId());
        }
        try (LocalStore store = LocalStore.open(db, StoreConfig.defaults(), WALL)) {
            NightRecord rec = store.nights().get(0);
            assertEquals(1, store.nights().size());
            assertEquals(wholeRecord.startUtcMs(), rec.startUtcMs());
            assertEquals(wholeRecord.analysableS(), rec.analysableS(), 1e-6, "the parts overlap: time in bed counted once");
            assertStoredAsReported(store, resumed);
            List<DeviceEvent> events = store.deviceEvents(resumed.nightId());
            assertEquals(Set.copyOf(events).size(), events.size(), "no event stored twice: " + events);
            assertEquals(signalGaps(wholeEvents), signalGaps(events));
        }
    }

    /**
     * A night killed at 1.5 h and resumed 20 min later (a live source: the first part is only in the store): one
     * report over both parts, whose movements are an uninterrupted night's where the parts cover it, the time in
     * bed of both parts, and one event for the daemon's downtime.
     */
    @Test
    void aNightKilledAndResumedLaterMergesBothPartsIntoOneReport() throws Exception {
        NightSpec spec = NightSpec.builder().seed(3).durationS(NIGHT_S).rateHz(25).bilateral(true).plmPerHour(60).build();
        Instant start = Instant.parse("2026-07-01T21:30:00Z");
        String night = "2026-07-01";
        double killS = 5400;
        double resumeS = 6600;

        NightAnalysis whole;
        try (LocalStore store = LocalStore.open(dir.resolve("whole.db"), StoreConfig.defaults(), WALL)) {
            NightSession s = session(night, start, 0, store, null);
            feed(spec, s, 0, Double.POSITIVE_INFINITY);
            whole = s.close(start.toEpochMilli() + (long) NIGHT_S * 1000, dir.resolve("whole")).analysis();
        }

        Path db = dir.resolve("plm.db");
        try (LocalStore store = LocalStore.open(db, StoreConfig.defaults(), WALL)) {
            NightSession first = session(night, start, 0, store, null);
            feed(spec, first, 0, killS);
            // killed: never closed
        }
        ClosedNight merged;
        try (LocalStore store = LocalStore.open(db, StoreConfig.defaults(), WALL)) {
            NightSession second = session(night, start, resumeS, store, new NightSession.Prior(start.toEpochMilli()));
            feed(spec, second, resumeS, Double.POSITIVE_INFINITY);
            merged = second.close(start.toEpochMilli() + (long) NIGHT_S * 1000, dir.resolve("nights"));
        }
        assertEquals(dir.resolve("nights").resolve(night + ".json"), merged.report());
        try (Stream<Path> files = Files.list(dir.resolve("nights"))) {
            assertEquals(List.of(night + ".json"), files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).toList());
        }
        // Where the parts cover the night (a margin for the detector's context at the edges), the same movements.
        double margin = 60;
        assertTrue(movementsIn(whole, 0, killS - margin).size() > 5 && movementsIn(whole, resumeS + margin, NIGHT_S).size() > 5,
                "both parts have movements to compare");
        assertSameMovements(movementsIn(whole, 0, killS - margin), movementsIn(merged.analysis(), 0, killS - margin));
        assertSameMovements(movementsIn(whole, resumeS + margin, NIGHT_S), movementsIn(merged.analysis(), resumeS + margin, NIGHT_S));
        double wholeBed = whole.metrics().analysable().durationS();
        double mergedBed = merged.analysis().metrics().analysable().durationS();
        double down = resumeS - killS;
        // The sum of the parts: the uninterrupted night less the downtime, within the last unflushed raw chunk
        // (10 s) and an epoch at each edge.
        assertTrue(Math.abs(wholeBed - down - mergedBed) <= 90, "time in bed " + mergedBed + " vs " + (wholeBed - down));
        try (LocalStore store = LocalStore.open(db, StoreConfig.defaults(), WALL)) {
            NightRecord rec = store.nights().get(0);
            assertEquals(start.toEpochMilli(), rec.startUtcMs());
            assertEquals(mergedBed, rec.analysableS(), 1e-6);
            assertStoredAsReported(store, merged);
            List<DeviceEvent> events = store.deviceEvents(night);
            assertEquals(Set.copyOf(events).size(), events.size(), "no event stored twice: " + events);
            List<DeviceEvent> downtime = events.stream().filter(e -> e.detail().startsWith("daemon down")).toList();
            assertEquals(1, downtime.size(), events.toString());
            assertEquals(DeviceEventKind.INFO, downtime.get(0).kind());
            assertEquals("monitor", downtime.get(0).device());
            long downFrom = downtime.get(0).timeUtcMs();
            assertTrue(downFrom <= start.toEpochMilli() + killS * 1000 && downFrom >= start.toEpochMilli() + (killS - 11) * 1000,
                    "the downtime starts at the end of the stored signal: " + downtime.get(0));
            assertTrue(downtime.get(0).detail().contains("to " + start.plusSeconds((long) resumeS)), downtime.get(0).detail());
        }
    }

    private static NightSession session(String night, Instant start, double firstS, LocalStore store, NightSession.Prior prior) {
        WallClockMapper mapper = new WallClockMapper();
        mapper.observe(0, start, true);
        Map<Leg, Double> rates = new EnumMap<>(Leg.class);
        Map<Leg, String> names = new EnumMap<>(Leg.class);
        for (Leg l : List.of(Leg.LEFT, Leg.RIGHT)) {
            rates.put(l, 25.0);
            names.put(l, "simulator seed 3");
        }
        return new NightSession(night, mapper.toUtcMs(firstS), rates, names,
                org.plmmonitor.analysis.pipeline.VersionedDetector.current(), ScoringStandard.WASM2016, ZoneOffset.UTC,
                mapper, store, prior);
    }

    /** Both legs' samples in [fromS, toS), interleaved in time as a source delivers them. */
    private static void feed(NightSpec spec, NightSession s, double fromS, double toS) {
        SyntheticNight sim = SyntheticNight.generate(spec);
        var left = sim.source(Leg.LEFT);
        var right = sim.source(Leg.RIGHT);
        double[] l = new double[4];
        double[] r = new double[4];
        boolean hasL = left.next(l);
        boolean hasR = right.next(r);
        long n = 0;
        while (hasL || hasR) {
            boolean takeLeft = hasL && (!hasR || l[0] <= r[0]);
            double[] x = takeLeft ? l : r;
            if (x[0] >= toS) {
                break;
            }
            if (x[0] >= fromS) {
                s.sink(takeLeft ? Leg.LEFT : Leg.RIGHT).accept(x[0], x[1], x[2], x[3]);
                if (++n % 250 == 0) {
                    s.tick();
                }
            }
            if (takeLeft) {
                hasL = left.next(l);
            } else {
                hasR = right.next(r);
            }
        }
        s.tick();
    }

    /** The stored movements and series are the report's: same count, same series, no series without members. */
    private static void assertStoredAsReported(LocalStore store, ClosedNight n) {
        store.flush();
        List<StoredMovement> ms = store.movements(n.nightId());
        List<ScoredMovement> reported = n.analysis().result().movements();
        assertTrue(ms.stream().allMatch(StoredMovement::decided), "every stored movement decided");
        assertEquals(reported.size(), ms.size(), "one stored movement per reported one");
        Set<String> storedKeys = ms.stream().map(m -> m.leg() + "@" + Math.round(m.onsetS() * 100) + "#" + m.seriesId())
                .collect(Collectors.toSet());
        Set<String> reportedKeys = reported.stream().map(m -> m.movement().leg() + "@" + Math.round(m.movement().onsetS() * 100)
                + "#" + m.seriesId()).collect(Collectors.toSet());
        assertEquals(reportedKeys, storedKeys, "stored movements carry the report's series numbers");
        List<StoredSeries> series = store.series(n.nightId(), DetectorConfig.VERSION);
        assertEquals(n.analysis().result().series().size(), series.size(), "no orphan series: " + series);
        Set<Integer> withMembers = new HashSet<>();
        ms.forEach(m -> {
            if (m.seriesId() != null) {
                withMembers.add(m.seriesId());
            }
        });
        for (StoredSeries s : series) {
            assertTrue(withMembers.contains(s.id()), "series " + s.id() + " has members in the store");
        }
    }

    private static List<String> movements(NightAnalysis a) {
        return a.result().movements().stream().map(m -> m.movement().leg() + "@" + m.movement().onsetS() + "#" + m.seriesId())
                .toList();
    }

    /** Movements with an onset in [fromS, toS). */
    private static List<LegMovement> movementsIn(NightAnalysis a, double fromS, double toS) {
        return a.result().movements().stream().map(ScoredMovement::movement)
                .filter(m -> m.onsetS() >= fromS && m.onsetS() < toS).toList();
    }

    /** Same legs in the same order, onsets within two samples (the replayed raw signal is in 1/4096 g counts). */
    private static void assertSameMovements(List<LegMovement> expected, List<LegMovement> actual) {
        assertEquals(expected.size(), actual.size(), expected + " vs " + actual);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).leg(), actual.get(i).leg(), expected + " vs " + actual);
            assertEquals(expected.get(i).onsetS(), actual.get(i).onsetS(), 0.08, expected.get(i) + " vs " + actual.get(i));
        }
    }

    private static List<DeviceEvent> signalGaps(List<DeviceEvent> events) {
        return events.stream().filter(e -> e.kind() == DeviceEventKind.SIGNAL_GAP).toList();
    }
}
