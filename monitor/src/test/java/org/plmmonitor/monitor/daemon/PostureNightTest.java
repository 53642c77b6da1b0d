package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.io.AccelCsvWriter;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.analysis.sim.TruthEvent;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.NightConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.config.WebConfig;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** night.mode = posture: a night opens where the leg lay down wearing the sensor, not at a clock time. */
class PostureNightTest {
    @TempDir
    Path dir;

    private static final Clock WALL = Clock.fixed(Instant.parse("2026-07-02T09:00:00Z"), ZoneOffset.UTC);

    private static MonitorConfig config(long seed, Path db, NightConfig.Mode mode) {
        return MonitorConfig.builder().web(WebConfig.OFF)
                .sensor(Leg.LEFT, new SensorConfig.Simulator(seed, 1000, 25))
                .night(new NightConfig(mode, LocalTime.of(21, 30), LocalTime.of(7, 30)))
                .store(org.plmmonitor.monitor.store.StoreConfig.builder().path(db).build())
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
                        && e.offsetS() - e.onsetS() > NightLifecycle.OUT_OF_BED_CONFIRM_S + 300) {
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

    /** A sensor taken off and laid flat on the nightstand from {@code offS} on: gravity and noise only. */
    private static SampleSource offFrom(SampleSource worn, double offS, long seed) {
        Random noise = new Random(seed);
        return new SampleSource() {
            @Override
            public double rateHz() {
                return worn.rateHz();
            }

            @Override
            public boolean next(double[] s) {
                if (!worn.next(s)) {
                    return false;
                }
                if (s[0] >= offS) {
                    s[1] = 0.0003 * noise.nextGaussian();
                    s[2] = 0.0003 * noise.nextGaussian();
                    s[3] = 1 + 0.0003 * noise.nextGaussian();
                }
                return true;
            }
        };
    }

    /** Two replayed legs in posture mode; the legs in {@code off} have their sensor taken off at {@code offS}. */
    private ClosedNight twoLegNight(String name, long seed, double hours, double offS, Set<Leg> off) throws Exception {
        NightSpec spec = NightSpec.builder().seed(seed).durationS(hours * 3600).rateHz(25).bilateral(true).build();
        SyntheticNight night = SyntheticNight.generate(spec);
        MonitorConfig.Builder cfg = MonitorConfig.builder().web(WebConfig.OFF)
                .night(new NightConfig(NightConfig.Mode.POSTURE, LocalTime.of(21, 30), LocalTime.of(7, 30)))
                .store(org.plmmonitor.monitor.store.StoreConfig.builder().path(dir.resolve(name).resolve("plm.db")).build())
                .timeZone(ZoneOffset.UTC);
        for (Leg leg : List.of(Leg.LEFT, Leg.RIGHT)) {
            Path csv = dir.resolve(name + "-" + leg.jsonName() + ".csv");
            try (OutputStream out = Files.newOutputStream(csv)) {
                SampleSource src = night.source(leg);
                new AccelCsvWriter(out).writeAll(off.contains(leg) ? offFrom(src, offS, seed + leg.ordinal()) : src);
            }
            cfg.sensor(leg, new SensorConfig.Replay(csv, 1000));
        }
        List<ClosedNight> nights = new MonitorDaemon(cfg.build(),
                DaemonOptions.builder().once(true).fast(true).build(), WALL, System::nanoTime, t -> true, bus -> {
                    throw new AssertionError("no bus");
                }).run();
        assertEquals(1, nights.size(), name + ": one night");
        return nights.get(0);
    }

    @Test
    void withTwoSensorsTheNightLastsWhileEitherLegLiesWithItsSensorWorn() throws Exception {
        double hours = 3;
        double offS = 5400;
        long seed = -1;
        // A night with neither a sensor off nor a long time out of bed of its own, so that only ours count.
        for (long s = 1; s < 300 && seed < 0; s++) {
            SyntheticNight night = SyntheticNight.generate(NightSpec.builder().seed(s).durationS(hours * 3600).rateHz(25)
                    .bilateral(true).build());
            if (night.truth().stream().noneMatch(e -> e.kind() == TruthEvent.Kind.UNWORN
                    || e.kind() == TruthEvent.Kind.OUT_OF_BED && e.offsetS() - e.onsetS() > 600)) {
                seed = s;
            }
        }
        assertTrue(seed > 0, "no seed without an unworn sensor or a long time up");
        long lineZeroMs = Instant.parse("2026-07-01T21:30:00Z").toEpochMilli();

        ClosedNight oneOff = twoLegNight("left-off", seed, hours, offS, Set.of(Leg.LEFT));
        double endS = (oneOff.endUtcMs() - lineZeroMs) / 1000.0;
        assertTrue(endS > hours * 3600 - 120, "the left strap came off at " + offS + " s but the right leg still lay:"
                + " the night must run to the end of the recording, not close at " + endS + " s");

        ClosedNight bothOff = twoLegNight("both-off", seed, hours, offS, Set.of(Leg.LEFT, Leg.RIGHT));
        endS = (bothOff.endUtcMs() - lineZeroMs) / 1000.0;
        assertTrue(Math.abs(endS - offS) <= 60, "both sensors came off at " + offS + " s; the night closed at " + endS + " s");
    }
}
