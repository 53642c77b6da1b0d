package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.signal.SampleSink;
import org.plmmonitor.analysis.signal.SourceDescriptor;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.monitor.cli.PlmCommand;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.store.ActivitySecond;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.StoreConfig;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plm night start} opens a night before the schedule; {@code plm night end} closes it and keeps it closed. */
class ManualNightTest {
    @TempDir
    Path dir;

    static final Instant BOOT = Instant.parse("2026-11-20T20:00:00Z");

    /** A live sensor whose poll delivers the next 10 s, with commands given at set line times. */
    final class Feed implements SampleFeed {
        final double[] line = {0};
        final SampleSource src;
        final BlockOut sink;
        final MonitorDaemon[] d;
        final double[] s = new double[4];
        boolean has;

        Feed(SampleSource src, SampleSink sink, MonitorDaemon[] d) {
            this.src = src;
            this.sink = new BlockOut(sink);
            this.d = d;
            has = src.next(s);
        }

        @Override
        public boolean pump(double untilS) {
            double to = line[0] + 10;
            while (has && s[0] < to) {
                sink.add(s[0], s[1], s[2], s[3]);
                has = src.next(s);
            }
            sink.flush();
            line[0] = to;
            if (line[0] == 600) {
                night("start"); // 20:10, before the 21:30 window
            } else if (line[0] == 1500) {
                night("end"); // 20:25
            } else if (line[0] >= 6000) {
                d[0].stop(); // 21:40: the scheduled window is open, but tonight's night was ended by hand
            }
            return true;
        }

        private void night(String what) {
            CommandLine cl = PlmCommand.commandLine();
            StringWriter err = new StringWriter();
            cl.setOut(new PrintWriter(new StringWriter()));
            cl.setErr(new PrintWriter(err));
            assertEquals(0, cl.execute("night", what, "--dir", dir.toString()), err.toString());
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
            return "fake";
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
    void startAndEndByHand() throws Exception {
        MonitorConfig cfg = MonitorConfig.builder().web(WebConfig.OFF)
                .sensor(Leg.LEFT, new SensorConfig.I2c(org.plmmonitor.bridge.i2c.AccelerometerPart.ADXL345, 1, 0x53, 50, 4))
                .store(org.plmmonitor.monitor.store.StoreConfig.builder().path(dir.resolve("plm.db")).build())
                .timeZone(ZoneOffset.UTC)
                .build();
        SyntheticNight night = SyntheticNight.generate(NightSpec.builder().seed(8).durationS(2 * 3600).rateHz(50).build());
        MonitorDaemon[] d = new MonitorDaemon[1];
        Feed[] feed = new Feed[1];
        Clock wall = new Clock() {
            @Override
            public Instant instant() {
                return BOOT.plusMillis(Math.round((feed[0] == null ? 0 : feed[0].line[0]) * 1000));
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        d[0] = new MonitorDaemon(cfg, DaemonOptions.builder().pollInterval(Duration.ofMillis(5)).build(), wall,
                () -> Math.round((feed[0] == null ? 0 : feed[0].line[0]) * 1e9), t -> true, (leg, sensor, sink) -> {
                    feed[0] = new Feed(night.source(Leg.LEFT), sink, d);
                    return feed[0];
                });
        List<ClosedNight> nights = d[0].run();
        assertEquals(1, nights.size(), "opened by hand, ended by hand, not reopened by the schedule");
        ClosedNight n = nights.get(0);
        assertEquals("2026-11-20", n.nightId());
        assertEquals(Instant.parse("2026-11-20T20:10:00Z").toEpochMilli(), n.startUtcMs(), 5000.0);
        assertEquals(Instant.parse("2026-11-20T20:25:00Z").toEpochMilli(), n.endUtcMs(), 5000.0);
        try (LocalStore store = LocalStore.open(dir.resolve("plm.db"), StoreConfig.defaults(), wall)) {
            List<ActivitySecond> act = store.activity(n.nightId(), Leg.LEFT);
            assertTrue(act.size() > 600, "activity while the night was open: " + act.size());
            for (ActivitySecond a : act) {
                assertTrue(a.epochS() * 1000 >= n.startUtcMs() - 1000 && a.epochS() * 1000 <= n.endUtcMs() + 1000,
                        "activity only inside the manual night: " + Instant.ofEpochSecond(a.epochS()));
            }
        }
    }
}
