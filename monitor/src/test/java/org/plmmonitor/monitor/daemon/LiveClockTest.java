package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.signal.SampleSink;
import org.plmmonitor.analysis.signal.SourceDescriptor;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.store.ActivitySecond;
import org.plmmonitor.monitor.store.DeviceEvent;
import org.plmmonitor.monitor.store.DeviceEventKind;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightRecord;
import org.plmmonitor.monitor.store.StoreConfig;
import org.plmmonitor.monitor.store.StoredMovement;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live sensor on a Pi without a real-time clock: the daemon boots with a stale date, NTP syncs later,
 * then the wall clock steps by an hour in the middle of the night. Nothing is written at the stale date,
 * the night opens at its window, and it stays one night across the step.
 */
class LiveClockTest {
    @TempDir
    Path dir;

    static final double BOOT_LINE_S = 1000;
    static final Instant STALE = Instant.parse("2026-01-05T08:00:00Z");
    /** NTP syncs 10 min after boot and says it is 21:25 UTC. */
    static final double SYNC_LINE_S = BOOT_LINE_S + 600;
    static final Instant SYNC_WALL = Instant.parse("2026-11-20T21:25:00Z");
    /** The window opens at 21:30, 5 min after the sync. */
    static final double OPEN_LINE_S = SYNC_LINE_S + 300;
    /** 15 min into the night the wall clock steps forward by an hour. */
    static final double JUMP_LINE_S = OPEN_LINE_S + 900;
    static final double STOP_LINE_S = JUMP_LINE_S + 900;

    /** Fake world: the monotonic clock, the wall clock and its trust all follow the line the feed has reached. */
    static final class World extends Clock {
        double lineS = BOOT_LINE_S;

        long nanos() {
            return Math.round(lineS * 1e9);
        }

        @Override
        public Instant instant() {
            if (lineS < SYNC_LINE_S) {
                return STALE.plusMillis(Math.round((lineS - BOOT_LINE_S) * 1000));
            }
            Instant w = SYNC_WALL.plusMillis(Math.round((lineS - SYNC_LINE_S) * 1000));
            return lineS >= JUMP_LINE_S ? w.plus(Duration.ofHours(1)) : w;
        }

        boolean trusted(Instant t) {
            return lineS >= SYNC_LINE_S;
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

    /** A live sensor: each poll delivers the next 10 s of a simulated leg, stamped on the monotonic line. */
    static final class LiveFeed implements SampleFeed {
        final World world;
        final SampleSource src;
        final BlockOut sink;
        final MonitorDaemon[] daemon;
        final double[] s = new double[4];
        boolean has;

        LiveFeed(World world, SampleSource src, SampleSink sink, MonitorDaemon[] daemon) {
            this.world = world;
            this.src = src;
            this.sink = new BlockOut(sink);
            this.daemon = daemon;
            has = src.next(s);
        }

        @Override
        public boolean pump(double untilS) {
            double to = world.lineS + 10;
            while (has && BOOT_LINE_S + s[0] < to) {
                sink.add(BOOT_LINE_S + s[0], s[1], s[2], s[3]);
                has = src.next(s);
            }
            sink.flush();
            world.lineS = to;
            if (world.lineS >= STOP_LINE_S) {
                daemon[0].stop();
            }
            return true;
        }

        @Override
        public Optional<SourceDescriptor> descriptor() {
            return Optional.of(new SourceDescriptor(Leg.LEFT, 50, name(), type(), true));
        }

        @Override
        public String type() {
            return "i2c-adxl345";
        }

        @Override
        public String name() {
            return "fake live sensor";
        }

        @Override
        public boolean live() {
            return true;
        }

        @Override
        public double nextS() {
            return Double.NaN;
        }
    }

    @Test
    void staleBootThenSyncThenJumpWritesNothingAtAWrongDateAndKeepsOneNight() throws Exception {
        Path db = dir.resolve("plm.db");
        MonitorConfig cfg = MonitorConfig.builder().web(WebConfig.OFF)
                .sensor(Leg.LEFT, new SensorConfig.I2c(org.plmmonitor.bridge.i2c.AccelerometerPart.ADXL345, 1, 0x53, 50, 4))
                .store(org.plmmonitor.monitor.store.StoreConfig.builder().path(db).build())
                .timeZone(ZoneOffset.UTC)
                .build();
        World world = new World();
        SyntheticNight night = SyntheticNight.generate(NightSpec.builder().seed(11).durationS(3 * 3600).rateHz(50)
                .plmPerHour(60).build());
        MonitorDaemon[] d = new MonitorDaemon[1];
        d[0] = new MonitorDaemon(cfg, DaemonOptions.builder().pollInterval(Duration.ofMillis(5)).build(), world,
                world::nanos, world::trusted, (leg, sensor, sink) -> new LiveFeed(world, night.source(Leg.LEFT), sink, d));
        List<ClosedNight> nights = d[0].run();

        assertEquals(1, nights.size(), "one night across the clock step");
        ClosedNight n = nights.get(0);
        assertEquals("2026-11-20", n.nightId());
        assertEquals(Instant.parse("2026-11-20T21:30:00Z").toEpochMilli(), n.startUtcMs(), 25.0);
        long open = Instant.parse("2026-11-20T21:30:00Z").toEpochMilli();
        long jumpUtc = Instant.parse("2026-11-20T21:45:00Z").toEpochMilli();
        try (LocalStore store = LocalStore.open(db, StoreConfig.defaults(), Clock.systemUTC())) {
            List<NightRecord> recs = store.nights();
            assertEquals(1, recs.size(), "nothing was filed under the stale date: " + recs);
            List<ActivitySecond> act = store.activity(n.nightId(), Leg.LEFT);
            assertFalse(act.isEmpty());
            boolean before = false;
            boolean after = false;
            for (ActivitySecond a : act) {
                long ms = a.epochS() * 1000;
                assertTrue(ms >= open - 1000, "no second before the window opened: " + Instant.ofEpochMilli(ms));
                assertFalse(ms > jumpUtc + 1000 && ms < jumpUtc + 3600_000 - 1000,
                        "no second in the hour the clock skipped: " + Instant.ofEpochMilli(ms));
                before |= ms < jumpUtc;
                after |= ms >= jumpUtc + 3600_000;
            }
            assertTrue(before && after, "activity on both sides of the step");
            for (StoredMovement m : store.movements(n.nightId())) {
                assertTrue(m.onsetUtcMs() >= open - 1000, "movement before the window: " + m);
            }
            List<DeviceEvent> ev = store.deviceEvents(n.nightId());
            assertTrue(ev.stream().anyMatch(e -> e.kind() == DeviceEventKind.CLOCK_SYNC && e.detail().contains("3600")),
                    "the step is recorded: " + ev);
        }
        DaemonStatus st = d[0].status();
        assertTrue(st.clockSynced());
        assertEquals(1, st.reanchors());
    }
}
