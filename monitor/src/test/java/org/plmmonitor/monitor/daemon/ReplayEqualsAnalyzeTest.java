package org.plmmonitor.monitor.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.io.AccelCsvWriter;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightRecord;
import org.plmmonitor.monitor.store.StoreConfig;
import org.plmmonitor.monitor.store.StoredMovement;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * THE streaming contract: the daemon's movements and whole report for a replayed night equal
 * {@code plm analyze}'s for the same files. A replay stamps each sample with the file's own time, so
 * the daemon and {@code plm analyze} see identical stamps and the equality is exact.
 */
class ReplayEqualsAnalyzeTest {
    @TempDir
    static Path dir;
    static Path left;
    static Path right;

    @BeforeAll
    static void writeNight() throws Exception {
        SyntheticNight night = SyntheticNight.generate(NightSpec.builder().seed(7).durationS(3600).rateHz(50)
                .bilateral(true).plmPerHour(40).build());
        left = dir.resolve("left.csv");
        right = dir.resolve("right.csv");
        for (Leg l : night.legs()) {
            try (OutputStream out = Files.newOutputStream(l == Leg.LEFT ? left : right)) {
                new AccelCsvWriter(out).writeAll(night.source(l));
            }
        }
    }

    @Test
    void daemonMovementsForAReplayedNightEqualAnalyze() throws Exception {
        Path db = dir.resolve("store").resolve("plm.db");
        MonitorConfig cfg = MonitorConfig.builder().web(WebConfig.OFF)
                .sensor(Leg.LEFT, new SensorConfig.Replay(left, 1))
                .sensor(Leg.RIGHT, new SensorConfig.Replay(right, 1))
                .store(org.plmmonitor.monitor.store.StoreConfig.builder().path(db).build())
                .timeZone(ZoneOffset.UTC)
                .build();
        Clock wall = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);
        MonitorDaemon d = new MonitorDaemon(cfg, DaemonOptions.builder().once(true).fast(true).build(), wall,
                System::nanoTime, t -> true, bus -> {
                    throw new AssertionError("no bus");
                });
        List<ClosedNight> nights = d.run();
        assertEquals(1, nights.size());
        ClosedNight n = nights.get(0);
        assertEquals("2026-03-09", n.nightId(), "a replay starts at the latest window's opening, 21:30 the evening before");

        JsonNode expected = SameReport.analyze(left, right, dir.resolve("analyze.json"));
        List<String> want = new ArrayList<>();
        for (JsonNode m : expected.path("movements")) {
            want.add(String.join(" ", m.path("leg").asText(), f3(m.path("onset_s").asDouble()), f3(m.path("offset_s").asDouble()),
                    m.path("candidate").asText(), m.path("periodic").asText(), m.path("series").asText()));
        }
        want.sort(null);
        assertTrue(want.size() > 20, "the night has movements to compare: " + want.size());
        assertTrue(want.stream().anyMatch(s -> s.startsWith("bilateral")), "and a bilateral merge");
        assertTrue(want.stream().anyMatch(s -> s.endsWith("true true 2")), "and at least two series");

        // The store: every movement once, decided, with the same onset, offset, leg and scoring.
        List<String> stored = new ArrayList<>();
        try (LocalStore store = LocalStore.open(db, StoreConfig.defaults(), wall)) {
            for (StoredMovement m : store.movements(n.nightId())) {
                assertTrue(m.decided(), "after the night every stored movement is decided: " + m);
                assertEquals((double) (Instant.parse("2026-03-09T21:30:00Z").toEpochMilli() + Math.round(m.onsetS() * 1000)),
                        (double) m.onsetUtcMs(), 1, "UTC onset follows the line: " + m);
                stored.add(String.join(" ", m.leg().jsonName(), f3(m.onsetS()), f3(m.offsetS()),
                        Boolean.toString(m.candidate()), Boolean.toString(m.periodic()), String.valueOf(m.seriesId())));
            }
            stored.sort(null);
            NightRecord rec = store.nights().get(0);
            assertEquals(n.nightId(), rec.nightId());
            assertTrue(rec.endUtcMs() != null && rec.analysableS() > 3000, "night record closed with analysable time: " + rec);
        }
        assertEquals(want, stored);

        // The night's JSON report: the whole report, movements, series, every summary field, provenance.
        SameReport.assertSame(expected, SameReport.read(n.report()), "Z", 20);
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
