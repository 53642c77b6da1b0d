package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.monitor.cli.PlmCommand;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.store.ActivitySecond;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightRecord;
import org.plmmonitor.monitor.store.StoreConfig;
import org.plmmonitor.monitor.store.StoredMovement;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatedNightTest {
    @TempDir
    Path dir;

    private static final Clock WALL = Clock.fixed(Instant.parse("2026-07-02T09:00:00Z"), ZoneOffset.UTC);

    private MonitorDaemon daemon(MonitorConfig cfg, double hours) {
        return new MonitorDaemon(cfg, DaemonOptions.builder().once(true).fast(true).simulatedHours(hours).build(),
                WALL, System::nanoTime, t -> true, bus -> {
                    throw new AssertionError("no bus");
                });
    }

    private MonitorConfig simulated(Path db, ZoneId zone) {
        return MonitorConfig.builder().web(WebConfig.OFF)
                .sensor(Leg.LEFT, new SensorConfig.Simulator(3, 1000, 25))
                .sensor(Leg.RIGHT, new SensorConfig.Simulator(3, 1000, 25))
                .store(org.plmmonitor.monitor.store.StoreConfig.builder().path(db).build())
                .timeZone(zone)
                .build();
    }

    /** A two-hour simulated night lands in the store with its night record, activity, JSON report and status. */
    @Test
    void simulatedNightIsStoredReportedAndShownByStatus() throws Exception {
        Path db = dir.resolve("data").resolve("plm.db");
        MonitorDaemon d = daemon(simulated(db, ZoneId.of("Europe/Berlin")), 2.0);
        List<ClosedNight> nights = d.run();
        assertEquals(1, nights.size());
        ClosedNight n = nights.get(0);
        // 21:30 in Berlin on 1 July is 19:30 UTC; the night is named by its evening's local date.
        assertEquals("2026-07-01", n.nightId());
        assertEquals(Instant.parse("2026-07-01T19:30:00Z").toEpochMilli(), n.startUtcMs());
        assertEquals(2 * 3600_000.0, (double) (n.endUtcMs() - n.startUtcMs()), 100);
        assertTrue(Files.exists(dir.resolve("data").resolve("nights").resolve("2026-07-01.json")));
        // The raw signal, as EDF+D per leg: two hours of one-second records, x/y/z in g.
        for (Leg leg : List.of(Leg.LEFT, Leg.RIGHT)) {
            Path edf = dir.resolve("data").resolve("nights").resolve("2026-07-01-" + leg.jsonName() + ".edf");
            var e = org.plmmonitor.analysis.edf.EdfAnnotations.read(edf);
            assertEquals("EDF+D", e.reserved().trim());
            assertTrue(e.records() >= 7200 - 12 && e.records() <= 7200, "records " + e.records());
            assertEquals((leg == Leg.LEFT ? "Left" : "Right") + " ankle X", e.labels().get(0));
            assertEquals(java.time.LocalDateTime.of(2026, 7, 1, 21, 30, 0), e.start());
        }
        assertTrue(Files.readString(n.report()).contains("\"time_zone\":\"Europe/Berlin\""));

        try (LocalStore store = LocalStore.open(db, StoreConfig.defaults(), WALL)) {
            List<NightRecord> recs = store.nights();
            assertEquals(1, recs.size());
            NightRecord r = recs.get(0);
            assertEquals(n.endUtcMs(), r.endUtcMs());
            assertTrue(r.analysableS() > 3600 && r.analysableS() <= 7200, "analysable " + r.analysableS());
            assertTrue(r.wearS() >= r.analysableS() - 1, "wear " + r.wearS());
            List<StoredMovement> ms = store.movements(n.nightId());
            assertEquals(n.analysis().result().movements().size(), ms.size());
            assertTrue(ms.stream().allMatch(StoredMovement::decided));
            List<ActivitySecond> act = store.activity(n.nightId(), Leg.LEFT);
            assertTrue(act.size() > 6500 && act.size() <= 7200, "one activity row per second (not in gaps): " + act.size());
            assertTrue(act.stream().allMatch(a -> a.epochS() * 1000 >= n.startUtcMs() && a.epochS() * 1000 < n.endUtcMs()));
            // The raw signal is kept, every sample, at its time, within a count.
            var sim = org.plmmonitor.analysis.sim.SyntheticNight.generate(
                    MonitorDaemon.simulatorSpec(simulated(db, ZoneOffset.UTC), DaemonOptions.builder().simulatedHours(2.0).build()).orElseThrow());
            var src = sim.source(Leg.LEFT);
            long[] samples = {0};
            double[] s0 = new double[4];
            while (src.next(s0)) {
                samples[0]++;
            }
            assertEquals(2 * samples[0] * 3, store.rawFootprint(n.nightId()).counts());
            src = sim.source(Leg.LEFT);
            src.next(s0);
            double[] first = s0.clone();
            List<org.plmmonitor.monitor.store.RawChunk> chunks = new java.util.ArrayList<>();
            store.rawChunks(n.nightId(), Leg.LEFT, chunks::add);
            assertEquals(n.startUtcMs(), chunks.get(0).startUtcMs());
            assertEquals(first[1], chunks.get(0).counts()[0] * RawRecorder.SCALE_G, RawRecorder.SCALE_G);
            assertEquals(first[3], chunks.get(0).counts()[2] * RawRecorder.SCALE_G, RawRecorder.SCALE_G);
        }

        // plm status reads what the daemon wrote, for people and for programs.
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = PlmCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute("status", "--dir", dir.resolve("data").toString()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("source left: simulator"), text);
        assertTrue(text.matches("(?s).*18000[01] samples.*"), text);
        assertTrue(text.contains("influxdb: not configured"), text);
        assertTrue(text.contains("cuff: not configured"), text);
        out.getBuffer().setLength(0);
        assertEquals(0, cl.execute("status", "--dir", dir.resolve("data").toString(), "--json"), err.toString());
        String json = out.toString();
        assertTrue(json.contains("\"leg\": \"right\""), json);
        assertTrue(json.matches("(?s).*\"samples\": 18000[01],.*"), json);
        assertTrue(json.matches("(?s).*\"last_sample_utc\": \"2026-07-01T21:(29:59|30:00).*"), json);
        assertTrue(json.contains("\"nights_closed\": 1"), json);
        assertTrue(json.contains("\"state\": \"OK\""), json);
        assertFalse(err.toString().contains("not running"), "the status is fresh: " + err);
    }

    /**
     * A night run again after it closed (a restart inside its window) continues the stored night as one: one
     * record with the first start, one report, and series numbered once (a replayed source covers the stored
     * part again, so its rows come out under the same keys). Killed runs: {@link ResumedNightTest}.
     */
    @Test
    void aRestartedNightContinuesTheStoredOne() throws Exception {
        Path db = dir.resolve("plm.db");
        ClosedNight first = daemon(simulated(db, ZoneOffset.UTC), 1.0).run().get(0);
        ClosedNight second = daemon(simulated(db, ZoneOffset.UTC), 1.0).run().get(0);
        assertEquals(first.nightId(), second.nightId());
        assertEquals(first.nightId() + ".json", second.report().getFileName().toString());
        assertEquals(first.report(), second.report());
        int s1 = first.analysis().result().series().size();
        int s2 = second.analysis().result().series().size();
        assertTrue(s1 > 0 && s2 > 0, "both parts have series: " + s1 + ", " + s2);
        try (LocalStore store = LocalStore.open(db, StoreConfig.defaults(), WALL)) {
            List<NightRecord> recs = store.nights();
            assertEquals(1, recs.size());
            assertEquals(first.startUtcMs(), recs.get(0).startUtcMs());
            double a2 = second.analysis().metrics().analysable().durationS();
            assertEquals(a2, recs.get(0).analysableS(), 1e-6, "the second run covered the first: counted once");
            var series = store.series(first.nightId(), org.plmmonitor.analysis.detect.DetectorConfig.VERSION);
            assertEquals(s2, series.size(), "no series stored twice");
            assertEquals(s2, series.get(series.size() - 1).id());
            assertEquals(second.analysis().result().movements().size(), store.movements(first.nightId()).size());
        }
    }

    @Test
    void statusWithoutADaemonSaysSo() {
        StringWriter err = new StringWriter();
        CommandLine cl = PlmCommand.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("status", "--dir", dir.toString()));
        assertTrue(err.toString().contains("no status at"), err.toString());
    }

    @Test
    void badConfigExitsTwoNamingKeyAndAllowedValues() throws Exception {
        Path conf = dir.resolve("plm.conf");
        Files.writeString(conf, "sensor.left.type = simulator\nnight.mode = sometimes\nstore.path = "
                + dir.resolve("plm.db") + "\n");
        StringWriter err = new StringWriter();
        CommandLine cl = PlmCommand.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("monitor", "--config", conf.toString(), "--once", "--fast", "--hours", "0.2"));
        assertTrue(err.toString().contains("night.mode"), err.toString());
        assertTrue(err.toString().contains("schedule"), err.toString());
    }
}
