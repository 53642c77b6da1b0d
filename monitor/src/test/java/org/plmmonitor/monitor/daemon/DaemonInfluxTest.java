package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.influx.InfluxConfig;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.influx.InfluxdProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The daemon with a real influxd: the night reaches InfluxDB, decided, and the status shows the forwarder. */
class DaemonInfluxTest {
    @TempDir
    Path dir;

    @Test
    void simulatedNightReachesInfluxDecided() throws Exception {
        assumeTrue(InfluxdProcess.available(), "influxd is not installed: apt-get install influxdb (test.sh does)");
        try (InfluxdProcess influxd = InfluxdProcess.create(dir.resolve("influx")).start()) {
            MonitorConfig cfg = MonitorConfig.builder().web(WebConfig.OFF)
                    .sensor(Leg.LEFT, new SensorConfig.Simulator(9, 1000, 25))
                    .sensor(Leg.RIGHT, new SensorConfig.Simulator(9, 1000, 25))
                    .store(org.plmmonitor.monitor.store.StoreConfig.builder().path(dir.resolve("data/plm.db")).build())
                    .influx(InfluxConfig.builder().url(influxd.url()).patientId("p-0009").deviceId("pi-test").build())
                    .patientId("p-0009").deviceId("pi-test")
                    .timeZone(ZoneOffset.UTC)
                    .build();
            Clock wall = Clock.fixed(Instant.parse("2026-05-04T08:00:00Z"), ZoneOffset.UTC);
            MonitorDaemon d = new MonitorDaemon(cfg, DaemonOptions.builder().once(true).fast(true).simulatedHours(1.0).build(),
                    wall, System::nanoTime, t -> true, bus -> {
                        throw new AssertionError("no bus");
                    });
            List<ClosedNight> nights = d.run();
            ClosedNight n = nights.get(0);
            int movements = n.analysis().result().movements().size();
            assertTrue(movements > 10, "movements " + movements);
            assertEquals(movements, influxd.scalar("plm", "SELECT count(duration_s) FROM plm_movement"));
            assertEquals(0, influxd.scalar("plm", "SELECT count(duration_s) FROM plm_movement WHERE series_pending = true"),
                    "every undecided point was overwritten by its decided state");
            assertEquals(1, influxd.scalar("plm", "SELECT count(wear_s) FROM plm_night WHERE night = '" + n.nightId() + "'"));
            assertEquals(n.analysis().result().series().size(), influxd.scalar("plm", "SELECT count(series_id) FROM plm_series"));
            // The night's JSON report reaches the server whole, as the file (docs/influxdb-schema.md, plm_report).
            String file = Files.readString(n.report());
            assertEquals(file, influxd.reportText("plm", "p-0009", n.nightId()));
            DaemonStatus st = d.status();
            assertTrue(st.influx() != null && st.influx().pointsWritten() > 0, "status shows the forwarder: " + st.influx());
            String json = Files.readString(dir.resolve("data").resolve(StatusFile.JSON));
            assertTrue(json.contains("\"influx\": {\"configured\": true"), json);
            // The status left after exit carries the real backlog, not the one of the last commit before the
            // final acknowledgements (it said 4693 when everything had been sent).
            long left;
            try (org.plmmonitor.monitor.store.LocalStore store = org.plmmonitor.monitor.store.LocalStore.open(
                    dir.resolve("data/plm.db"), org.plmmonitor.monitor.store.StoreConfig.defaults(), wall)) {
                left = store.outboxBacklog();
            }
            assertEquals(0, left, "the once-run waited for the outbox to drain");
            assertEquals(left, st.influx().backlog(), "final status backlog");
            assertTrue(json.contains("\"backlog\": 0,"), json);
        }
    }

    /**
     * The last acknowledgements are still queued for the store's writer when the forwarder finds nothing
     * more to send; a status written then showed their rows as backlog (4693 when all was sent). A night
     * large enough that the last acknowledgement is still queued: 8 h at 100 Hz (153 rows stale before the fix).
     */
    @Test
    void theStatusLeftAfterExitCarriesTheRealBacklog() throws Exception {
        assumeTrue(InfluxdProcess.available(), "influxd is not installed: apt-get install influxdb (test.sh does)");
        try (InfluxdProcess influxd = InfluxdProcess.create(dir.resolve("influx")).start()) {
            MonitorConfig cfg = MonitorConfig.builder().web(WebConfig.OFF)
                    .sensor(Leg.LEFT, new SensorConfig.Simulator(9, 1000, 100))
                    .sensor(Leg.RIGHT, new SensorConfig.Simulator(9, 1000, 100))
                    .store(org.plmmonitor.monitor.store.StoreConfig.builder().path(dir.resolve("data/plm.db")).build())
                    .influx(InfluxConfig.builder().url(influxd.url()).patientId("p-0009").deviceId("pi-test").build())
                    .patientId("p-0009").deviceId("pi-test")
                    .timeZone(ZoneOffset.UTC)
                    .build();
            Clock wall = Clock.fixed(Instant.parse("2026-05-04T08:00:00Z"), ZoneOffset.UTC);
            MonitorDaemon d = new MonitorDaemon(cfg, DaemonOptions.builder().once(true).fast(true).simulatedHours(8.0).build(),
                    wall, System::nanoTime, t -> true, bus -> {
                        throw new AssertionError("no bus");
                    });
            d.run();
            long left;
            try (org.plmmonitor.monitor.store.LocalStore store = org.plmmonitor.monitor.store.LocalStore.open(
                    dir.resolve("data/plm.db"), org.plmmonitor.monitor.store.StoreConfig.defaults(), wall)) {
                left = store.outboxBacklog();
            }
            assertEquals(0, left, "the once-run waited for the outbox to drain");
            assertEquals(left, d.status().influx().backlog(), "final status backlog");
            String json = Files.readString(dir.resolve("data").resolve(StatusFile.JSON));
            assertTrue(json.contains("\"backlog\": 0,"), json);
        }
    }

}
