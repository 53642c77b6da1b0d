package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.core.Leg;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.analysis.sim.TruthEvent;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.NightConfig;
import org.plmmonitor.monitor.config.SensorConfig;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** night.mode = posture: a night opens where the leg lay down wearing the sensor, not at a clock time. */
class PostureNightTest {
    @TempDir
    Path dir;

    private static final Clock WALL = Clock.fixed(Instant.parse("2026-07-02T09:00:00Z"), ZoneOffset.UTC);

    private static MonitorConfig config(long seed, Path db, NightConfig.Mode mode) {
        return MonitorConfig.builder()
                .sensor(Leg.LEFT, new SensorConfig.Simulator(seed, 1000, 25))
                .night(new NightConfig(mode, LocalTime.of(21, 30), LocalTime.of(7, 30)))
                .store(new org.plmmonitor.monitor.config.StoreConfig(db, 400, 60, 0))
                .timeZone(ZoneOffset.UTC)
                .build();
    }

    /** The first seed whose simulated night starts with the sensor on the nightstand for a while. */
    private static long seedWithUnwornStart(double hours, TruthEvent[] unworn) {
        for (long seed = 1; seed < 200; seed++) {
            var spec = MonitorDaemon.simulatorSpec(config(seed, Path.of("/tmp/x.db"), NightConfig.Mode.POSTURE),
                    DaemonOptions.builder().simulatedHours(hours).build()).orElseThrow();
            SyntheticNight night = SyntheticNight.generate(spec);
            for (TruthEvent e : night.truth()) {
                if (e.kind() == TruthEvent.Kind.UNWORN && e.onsetS() == 0 && e.offsetS() > 900
                        && early(night, e.offsetS()).size() >= 2) {
                    unworn[0] = e;
                    return seed;
                }
            }
        }
        throw new AssertionError("no seed with an unworn start");
    }

    /** Visible movements in the minutes a posture night needs to confirm lying. */
    private static List<TruthEvent> early(SyntheticNight night, double wornFromS) {
        return night.legMovements(Leg.LEFT, true).stream()
                .filter(m -> m.onsetS() > wornFromS + 30 && m.offsetS() < wornFromS + PostureWatch.CONFIRM_S).toList();
    }

    @Test
    void aPostureNightStartsWhenTheWornLegLiesDownNotWhileTheSensorSitsOnTheNightstand() throws Exception {
        double hours = 3;
        TruthEvent[] unworn = new TruthEvent[1];
        long seed = seedWithUnwornStart(hours, unworn);
        Path db = dir.resolve("plm.db");
        MonitorDaemon d = new MonitorDaemon(config(seed, db, NightConfig.Mode.POSTURE),
                DaemonOptions.builder().once(true).fast(true).simulatedHours(hours).build(), WALL, System::nanoTime,
                t -> true, bus -> {
                    throw new AssertionError("no bus");
                });
        List<ClosedNight> nights = d.run();
        assertEquals(1, nights.size());
        ClosedNight n = nights.get(0);
        // Simulated line time 0 is the scheduled window's start (21:30 UTC on 1 July).
        long lineZeroMs = Instant.parse("2026-07-01T21:30:00Z").toEpochMilli();
        double startLineS = (n.startUtcMs() - lineZeroMs) / 1000.0;
        // Wear is judged on 30-s blocks: the block in which the strap went on already counts as worn.
        assertTrue(startLineS >= unworn[0].offsetS() - 30 && startLineS <= unworn[0].offsetS() + 90,
                "night starts at line " + startLineS + " s; the sensor was put on at " + unworn[0].offsetS() + " s");
        // The samples held while lying was being confirmed were replayed into the night: its movements
        // begin right after the sensor went on, not minutes later.
        var found = n.analysis().result().movements();
        assertTrue(found.stream().allMatch(m -> m.movement().onsetS() >= unworn[0].offsetS() - 30),
                "a movement while the sensor sat on the nightstand");
        SyntheticNight night = SyntheticNight.generate(MonitorDaemon.simulatorSpec(config(seed, db, NightConfig.Mode.POSTURE),
                DaemonOptions.builder().simulatedHours(hours).build()).orElseThrow());
        for (TruthEvent t : early(night, unworn[0].offsetS())) {
            assertTrue(found.stream().anyMatch(m -> m.movement().onsetS() < t.offsetS() + 0.5
                            && m.movement().offsetS() > t.onsetS() - 0.5),
                    "movement at " + t.onsetS() + " s, inside the confirmation minutes, was lost");
        }
        assertEquals("2026-07-01", n.nightId());
    }

    @Test
    void aPostureNightEndsWhereTheSensorCameOffNotAtABathroomTrip() throws Exception {
        double hours = 3;
        long seed = -1;
        TruthEvent off = null;
        List<TruthEvent> trips = List.of();
        for (long s = 1; s < 300 && seed < 0; s++) {
            var spec = MonitorDaemon.simulatorSpec(config(s, Path.of("/tmp/x.db"), NightConfig.Mode.POSTURE),
                    DaemonOptions.builder().simulatedHours(hours).build()).orElseThrow();
            SyntheticNight night = SyntheticNight.generate(spec);
            for (TruthEvent e : night.truth()) {
                if (e.kind() == TruthEvent.Kind.UNWORN && e.offsetS() >= hours * 3600 - 1
                        && e.offsetS() - e.onsetS() > MonitorDaemon.OUT_OF_BED_CONFIRM_S + 300) {
                    List<TruthEvent> up = night.truth().stream().filter(x -> x.kind() == TruthEvent.Kind.OUT_OF_BED).toList();
                    if (!up.isEmpty()) {
                        seed = s;
                        off = e;
                        trips = up;
                    }
                }
            }
        }
        assertTrue(seed > 0, "no seed with a bathroom trip and the sensor taken off at the end");
        Path db = dir.resolve("plm.db");
        MonitorDaemon d = new MonitorDaemon(config(seed, db, NightConfig.Mode.POSTURE),
                DaemonOptions.builder().once(true).fast(true).simulatedHours(hours).build(), WALL, System::nanoTime,
                t -> true, bus -> {
                    throw new AssertionError("no bus");
                });
        List<ClosedNight> nights = d.run();
        assertEquals(1, nights.size(), "a bathroom trip of a few minutes does not end the night");
        ClosedNight n = nights.get(0);
        long lineZeroMs = Instant.parse("2026-07-01T21:30:00Z").toEpochMilli();
        double endLineS = (n.endUtcMs() - lineZeroMs) / 1000.0;
        assertTrue(Math.abs(endLineS - off.onsetS()) <= 60,
                "night ends at line " + endLineS + " s; the sensor came off at " + off.onsetS() + " s (trips " + trips + "); wear " + n.analysis().provenance().wearS() + " analysable " + n.analysis().metrics().analysable().durationS());
    }
}
