package org.plmmonitor.monitor.influx;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.monitor.store.CuffSession;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.MutableClock;
import org.plmmonitor.monitor.store.StoreConfig;
import org.plmmonitor.monitor.store.SyntheticNight;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Against a real influxd (Debian 1.6.7) on loopback ports with a temporary data directory. */
class InfluxForwarderTest {
    private static final Instant EVENING = Instant.parse("2026-11-23T21:30:00Z");
    private static final String DB = "plm_test";

    @TempDir
    Path dir;

    @BeforeAll
    static void needsInfluxd() {
        assumeTrue(InfluxdProcess.available(), "influxd is not installed: apt-get install influxdb (test.sh does)");
    }

    private static InfluxConfig config(String url, Duration initialBackoff, Duration maxBackoff) {
        return InfluxConfig.builder().url(url).database(DB).patientId("p-0001").deviceId("pi-bedroom")
                .batchSize(5000).pollInterval(Duration.ofMillis(50)).backoff(initialBackoff, maxBackoff)
                .timeout(Duration.ofSeconds(5)).build();
    }

    /** Puts a slice [fromS, toS) of the synthetic night into the store, as the daemon would stream it. */
    private static void putSlice(LocalStore store, SyntheticNight n, int fromS, int toS) {
        long from = n.startMs + fromS * 1000L;
        long to = n.startMs + toS * 1000L;
        n.activity.stream().filter(a -> a.epochS() * 1000 >= from && a.epochS() * 1000 < to).forEach(store::putActivity);
        // each movement first with its series pending, then decided (same key, same timestamp)
        n.pendingMovements.stream().filter(m -> m.onsetUtcMs() >= from && m.onsetUtcMs() < to).forEach(store::putMovement);
        n.movements.stream().filter(m -> m.onsetUtcMs() >= from && m.onsetUtcMs() < to).forEach(store::putMovement);
        n.series.stream().filter(s -> s.startUtcMs() >= from && s.startUtcMs() < to).forEach(store::putSeries);
        n.events.stream().filter(e -> e.timeUtcMs() >= from && e.timeUtcMs() < to).forEach(store::putDeviceEvent);
        if (fromS == 0) {
            n.cuff.forEach(store::putCuffAction);
            n.sessions.forEach(store::putCuffSession);
        }
        if (toS >= n.seconds) {
            store.putNight(n.night);
        }
    }

    private static void assertNightComplete(InfluxdProcess influxd, SyntheticNight n) {
        assertEquals(n.activity.size(), influxd.scalar(DB, "SELECT count(activity_g) FROM plm_activity"));
        assertEquals(n.seconds, influxd.scalar(DB, "SELECT count(activity_g) FROM plm_activity WHERE leg = 'left'"));
        double sum = n.activity.stream().mapToDouble(a -> a.activityG()).sum();
        assertEquals(sum, influxd.scalar(DB, "SELECT sum(activity_g) FROM plm_activity"), 1e-6);
        assertEquals(n.movements.size(), influxd.scalar(DB, "SELECT count(duration_s) FROM plm_movement"));
        assertEquals(0, influxd.scalar(DB, "SELECT count(duration_s) FROM plm_movement WHERE series_pending = true"),
                "every pending movement was overwritten by its decided state");
        assertEquals(n.movements.size(), influxd.scalar(DB, "SELECT count(duration_s) FROM plm_movement WHERE series_id > 0"));
        assertEquals(n.movements.size(), influxd.scalar(DB,
                "SELECT count(duration_s) FROM plm_movement WHERE source = 'accelerometer'"), "each movement names its source");
        assertEquals(n.series.size(), influxd.scalar(DB, "SELECT count(series_id) FROM plm_series"));
        assertEquals(n.series.size() * 8, influxd.scalar(DB, "SELECT sum(\"count\") FROM plm_series"));
        assertEquals(n.events.size(), influxd.scalar(DB, "SELECT count(detail) FROM device_health"));
        assertEquals(n.cuff.size(), influxd.scalar(DB, "SELECT count(target_mmhg) FROM cuff_action"));
        assertEquals(n.sessions.size(), influxd.scalar(DB, "SELECT count(cycles) FROM cuff_session"));
        assertEquals(n.sessions.stream().mapToInt(CuffSession::cycles).sum(), influxd.scalar(DB, "SELECT sum(cycles) FROM cuff_session"));
        assertEquals(61.5, influxd.scalar(DB, "SELECT sum(duration_s) FROM cuff_session WHERE outcome = 'fault' AND \"trigger\" = 'series'"), 1e-9);
        assertEquals(1, influxd.scalar(DB, "SELECT count(wear_s) FROM plm_night WHERE night = '" + n.nightId
                + "' AND patient = 'p-0001' AND device = 'pi-bedroom'"));
    }

    /**
     * A report larger than InfluxDB 1.x's 64 KB string field, with the characters line protocol escapes (quotes,
     * backslashes, newlines) and multi-byte ones: it lands in pieces that join back to the text exactly, once,
     * also when forwarded again.
     */
    @Test
    void aLargeNightReportLandsInPiecesThatJoinBack() throws Exception {
        StringBuilder b = new StringBuilder("{\n  \"movements\": [\n");
        java.util.Random rnd = new java.util.Random(7L);
        while (b.length() < 250_000) {
            b.append("    {\"onset_s\": ").append(rnd.nextInt(30_000)).append(".25, \"note\": \"caf\u00e9 \\\\ \u20ac \uD83D\uDE00\"},\n");
        }
        String text = b.append("  ]\n}\n").toString();
        org.plmmonitor.monitor.store.NightReport report = new org.plmmonitor.monitor.store.NightReport("2026-11-23", "det-1",
                EVENING.toEpochMilli(), text);
        int pieces = ReportPieces.split(text, ReportPieces.MAX_BYTES).size();
        assertTrue(pieces >= 4, "pieces " + pieces);
        try (InfluxdProcess influxd = InfluxdProcess.create(dir.resolve("influx")).start();
             LocalStore store = LocalStore.open(dir.resolve("plm.db"), StoreConfig.builder().forwardingEnabled(true).build(),
                     Clock.systemUTC())) {
            InfluxForwarder fwd = InfluxForwarder.start(store, config(influxd.url(), Duration.ofMillis(50), Duration.ofMillis(500)),
                    Clock.systemUTC());
            try {
                store.putNightReport(report);
                store.putNightReport(report); // written again: the same points, not more
                store.flush();
                assertTrue(fwd.awaitDrained(Duration.ofSeconds(40)), "forwarder did not drain: " + fwd.health());
                assertEquals(text, influxd.reportText(DB, "p-0001", "2026-11-23"));
                assertEquals(pieces, influxd.scalar(DB, "SELECT count(parts) FROM plm_report"));
                assertEquals(0, fwd.health().pointsRejected());
                assertEquals(List.of(report), store.nightReports("2026-11-23"));
            } finally {
                fwd.close();
            }
        }
    }

    @Test
    void anAcceleratedNightLandsComplete() throws Exception {
        SyntheticNight n = new SyntheticNight(EVENING, 8 * 3600, 21);
        try (InfluxdProcess influxd = InfluxdProcess.create(dir.resolve("influx")).start();
             LocalStore store = LocalStore.open(dir.resolve("plm.db"), StoreConfig.builder().forwardingEnabled(true).build(),
                     Clock.systemUTC())) {
            InfluxForwarder fwd = InfluxForwarder.start(store, config(influxd.url(), Duration.ofMillis(50), Duration.ofMillis(500)),
                    Clock.systemUTC());
            try {
                long t0 = System.nanoTime();
                for (int s = 0; s < n.seconds; s += 600) { // ten minutes of night at a time
                    putSlice(store, n, s, s + 600);
                }
                store.flush();
                long t1 = System.nanoTime();
                assertTrue(fwd.awaitDrained(Duration.ofSeconds(40)), "forwarder did not drain: " + fwd.health());
                long t2 = System.nanoTime();
                assertNightComplete(influxd, n);
                ForwarderHealth h = fwd.health();
                assertEquals(0, h.backlog());
                assertNotNull(h.lastSuccess());
                assertEquals(0, h.consecutiveFailures());
                int items = n.pointCount() + n.pendingMovements.size();
                System.out.printf("accelerated night: %d items stored in %.2f s (%.0f items/s incl. outbox); all forwarded"
                                + " %.2f s after the last commit, %d points written (%.0f points/s end to end)%n",
                        items, (t1 - t0) / 1e9, items / ((t1 - t0) / 1e9), (t2 - t1) / 1e9, h.pointsWritten(),
                        h.pointsWritten() / ((t2 - t0) / 1e9));
            } finally {
                fwd.close();
            }
        }
    }

    @Test
    void influxdDownForPartOfTheNightEndsWithEveryPointOnce() throws Exception {
        SyntheticNight n = new SyntheticNight(EVENING, 3 * 3600, 22);
        MutableClock clock = new MutableClock(EVENING);
        ManualScheduler sched = new ManualScheduler();
        try (InfluxdProcess influxd = InfluxdProcess.create(dir.resolve("influx")).start()) {
            LocalStore store = LocalStore.open(dir.resolve("plm.db"), StoreConfig.builder().forwardingEnabled(true).build(), clock);
            InfluxConfig cfg = config(influxd.url(), Duration.ofSeconds(1), Duration.ofSeconds(8));
            try (InfluxForwarder fwd = InfluxForwarder.start(store, cfg, clock, sched)) {
                // The first hour's movements reach InfluxDB while their series is still pending...
                n.pendingMovements.stream().filter(m -> m.onsetUtcMs() < n.startMs + 3_600_000L).forEach(store::putMovement);
                store.flush();
                drain(sched, fwd);
                double pending = influxd.scalar(DB, "SELECT count(duration_s) FROM plm_movement WHERE series_pending = true");
                assertTrue(pending > 50, "pending movements written: " + pending);
                // ...then are updated once decided (putSlice puts pending and decided again: same keys).
                putSlice(store, n, 0, 3600);
                store.flush();
                drain(sched, fwd);
                assertEquals(0, influxd.scalar(DB, "SELECT count(duration_s) FROM plm_movement WHERE series_pending = true"));
                assertEquals(2 * 3600, influxd.scalar(DB, "SELECT count(activity_g) FROM plm_activity"));

                influxd.stop(); // influxd goes away for the middle of the night
                putSlice(store, n, 3600, 7200);
                store.flush();
                for (int i = 0; i < 5; i++) {
                    sched.runNext();
                }
                assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                        Duration.ofSeconds(8)), sched.delays.subList(sched.delays.size() - 5, sched.delays.size()),
                        "capped exponential backoff");
                ForwarderHealth down = fwd.health();
                assertEquals(ForwarderState.BACKING_OFF, down.state());
                assertEquals(5, down.consecutiveFailures());
                assertFalse(down.lastError().isEmpty());
                assertTrue(down.backlog() > 7000, "backlog " + down.backlog());

                putSlice(store, n, 7200, n.seconds);
                store.flush();
            } finally {
                // The monitor stops while influxd is still down: the backlog is on disk, nothing is lost.
                store.close();
            }
            try (LocalStore reopened = LocalStore.open(dir.resolve("plm.db"), StoreConfig.builder().forwardingEnabled(true).build(),
                    clock);
                 InfluxForwarder fwd = InfluxForwarder.start(reopened, cfg, clock, sched)) {
                influxd.start(); // later: same data directory and port
                long backlog = reopened.outboxBacklog();
                assertTrue(backlog > 14_000, "backlog after restart " + backlog);
                long t0 = System.nanoTime();
                drain(sched, fwd);
                double s = (System.nanoTime() - t0) / 1e9;
                long written = fwd.health().pointsWritten();
                System.out.printf("outbox drain after the outage: %d rows, %d points in %.2f s = %.0f points/s%n", backlog,
                        written, s, written / s);
                assertEquals(0, fwd.health().consecutiveFailures());
                assertNightComplete(influxd, n);
            }

            // A replay of everything (as after a crash between write and acknowledgement) duplicates nothing.
            try (LocalStore replay = LocalStore.open(dir.resolve("replay.db"), StoreConfig.builder().forwardingEnabled(true).build(),
                    clock);
                 InfluxForwarder again = InfluxForwarder.start(replay, cfg, clock, sched)) {
                putSlice(replay, n, 0, n.seconds);
                replay.flush();
                drain(sched, again);
                assertEquals(n.pointCount(), again.health().pointsWritten());
                assertNightComplete(influxd, n);

                // The patient deletes all their data: gone locally and on the server.
                again.deleteAllData();
                assertTrue(replay.nights().isEmpty());
                assertEquals(0, replay.outboxBacklog());
                for (String m : List.of("plm_activity", "plm_movement", "plm_series", "plm_night")) {
                    assertEquals(0, influxd.scalar(DB, "SELECT count(*) FROM " + m), m);
                }
                assertEquals(0, influxd.scalar(DB, "SELECT count(detail) FROM device_health"));
            }
        }
    }

    @Test
    void aPointTheServerRefusesForGoodDoesNotStallTheOutbox() throws Exception {
        SyntheticNight n = new SyntheticNight(EVENING, 600, 24);
        MutableClock clock = new MutableClock(EVENING);
        ManualScheduler sched = new ManualScheduler();
        try (InfluxdProcess influxd = InfluxdProcess.create(dir.resolve("influx")).start();
             LocalStore store = LocalStore.open(dir.resolve("plm.db"), StoreConfig.builder().forwardingEnabled(true).build(), clock)) {
            // Someone else wrote activity_g as a string into the same shard: our float field now conflicts.
            try (org.influxdb.InfluxDB other = org.influxdb.InfluxDBFactory.connect(influxd.url())) {
                other.query(new org.influxdb.dto.Query("CREATE DATABASE " + DB));
                other.write(DB, "autogen", org.influxdb.dto.Point.measurement("plm_activity")
                        .time(n.startMs - 1000, java.util.concurrent.TimeUnit.MILLISECONDS)
                        .tag("patient", "someone-else").addField("activity_g", "high").build());
            }
            n.activity.forEach(store::putActivity);
            n.events.forEach(store::putDeviceEvent);
            store.flush();
            InfluxConfig cfg = InfluxConfig.builder().url(influxd.url()).database(DB).patientId("p-0001").deviceId("pi-bedroom")
                    .batchSize(500).build();
            try (InfluxForwarder fwd = InfluxForwarder.start(store, cfg, clock, sched)) {
                drain(sched, fwd);
                ForwarderHealth h = fwd.health();
                assertTrue(h.pointsRejected() > 0, h.toString());
                assertTrue(h.lastError().contains("field type conflict"), h.lastError());
                assertEquals(0, h.consecutiveFailures());
                store.flush();
                assertEquals(0, store.outboxBacklog(), "refused batches are acknowledged, not retried forever");
                assertEquals(n.events.size(), influxd.scalar(DB, "SELECT count(detail) FROM device_health"));
                assertEquals(n.activity.size(), store.activity(n.nightId, org.plmmonitor.analysis.movement.Leg.LEFT).size() * 2,
                        "the local store still has every refused point");
            }
        }
    }

    /** Runs cycles until the forwarder reports an empty outbox (bounded, no waiting). */
    private static void drain(ManualScheduler sched, InfluxForwarder fwd) {
        for (int i = 0; i < 200; i++) {
            sched.runNext();
            if (fwd.health().state() == ForwarderState.IDLE) {
                return;
            }
        }
        throw new AssertionError("forwarder did not drain in 200 cycles: " + fwd.health());
    }

    @Test
    void storeOnlyModeWorksAndTheForwarderRefusesAStoreWithoutOutbox() {
        SyntheticNight n = new SyntheticNight(EVENING, 1800, 23);
        try (LocalStore store = LocalStore.open(dir.resolve("plm.db"), StoreConfig.defaults(), Clock.systemUTC())) {
            putSlice(store, n, 0, n.seconds);
            store.flush();
            assertEquals(n.movements, store.movements(n.nightId));
            assertEquals(0, store.outboxBacklog());
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> InfluxForwarder.start(store, config("http://127.0.0.1:1", Duration.ofSeconds(1), Duration.ofSeconds(2)),
                            Clock.systemUTC(), new ManualScheduler()));
            assertTrue(e.getMessage().contains("without forwarding"), e.getMessage());
        }
    }
}
