package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.report.SensorInfo;
import org.plmmonitor.analysis.signal.SampleSink;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.signal.SourceDescriptor;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.NightConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.config.WebConfig;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two live boards, the right one silent for its first minute (it has not said its rate yet): the left
 * leg's samples wait, held, and then reach the night in order with nothing lost; each leg is analysed
 * at its own rate, and the status never shows a rate the board did not give.
 */
class LateDescriptorTest {
    @TempDir
    Path dir;

    static final Instant BOOT = Instant.parse("2026-11-20T22:00:00Z");
    static final double RIGHT_SPEAKS_S = 60;
    static final double STOP_S = 1800;

    /** The line both fake boards stamp on, s; the wall clock and the monotonic clock follow it. */
    final double[] line = {0};
    final List<DaemonStatus> statuses = new ArrayList<>();

    /** A live board: each poll delivers the next 10 s; it says its rate (and sends samples) from {@code speaksS} on. */
    final class Board implements SampleFeed {
        final Leg leg;
        final double rateHz;
        final double speaksS;
        final SampleSource src;
        final BlockOut sink;
        final MonitorDaemon[] d;
        final double[] s = new double[4];
        boolean has;

        Board(Leg leg, double rateHz, double speaksS, SampleSink sink, MonitorDaemon[] d) {
            this.leg = leg;
            this.rateHz = rateHz;
            this.speaksS = speaksS;
            this.src = SyntheticNight.generate(NightSpec.builder().seed(leg.ordinal() + 21).durationS(STOP_S + 60)
                    .rateHz(rateHz).build()).source(Leg.LEFT);
            this.sink = new BlockOut(sink);
            this.d = d;
            has = src.next(s);
        }

        @Override
        public boolean pump(double untilS) {
            if (leg == Leg.LEFT) {
                line[0] += 10; // one board moves the shared line
                if (d[0].status() != null) {
                    statuses.add(d[0].status());
                }
                if (line[0] >= STOP_S) {
                    d[0].stop();
                }
            }
            while (has && s[0] < line[0]) {
                if (s[0] >= speaksS) {
                    sink.add(s[0], s[1], s[2], s[3]);
                }
                has = src.next(s);
            }
            sink.flush();
            return true;
        }

        @Override
        public Optional<SourceDescriptor> descriptor() {
            return line[0] > speaksS ? Optional.of(new SourceDescriptor(leg, rateHz, name(), type(), true)) : Optional.empty();
        }

        @Override
        public String type() {
            return "serial";
        }

        @Override
        public String name() {
            return "board " + leg.jsonName();
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
    void samplesWaitForEverySourcesRateAndThenArriveWhole() throws Exception {
        MonitorConfig cfg = MonitorConfig.builder().web(WebConfig.OFF)
                .sensor(Leg.LEFT, new SensorConfig.Serial(Path.of("/dev/fake-left"), 115200))
                .sensor(Leg.RIGHT, new SensorConfig.Serial(Path.of("/dev/fake-right"), 115200))
                .night(new NightConfig(NightConfig.Mode.SCHEDULE, LocalTime.of(21, 0), LocalTime.of(7, 0)))
                .store(org.plmmonitor.monitor.store.StoreConfig.builder().path(dir.resolve("plm.db")).build())
                .timeZone(ZoneOffset.UTC)
                .build();
        Clock wall = new Clock() {
            @Override
            public Instant instant() {
                return BOOT.plusMillis(Math.round(line[0] * 1000));
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
        MonitorDaemon[] d = new MonitorDaemon[1];
        d[0] = new MonitorDaemon(cfg, DaemonOptions.builder().pollInterval(Duration.ofMillis(5))
                .statusInterval(Duration.ofMillis(100)).build(), wall, () -> Math.round(line[0] * 1e9), t -> true,
                (leg, sensor, sink) -> leg == Leg.LEFT ? new Board(leg, 50, 0, sink, d)
                        : new Board(leg, 25, RIGHT_SPEAKS_S, sink, d));
        List<ClosedNight> nights = d[0].run();

        assertEquals(1, nights.size());
        ClosedNight n = nights.get(0);
        Map<String, Double> rates = new TreeMap<>();
        for (SensorInfo s : n.analysis().provenance().sensors()) {
            rates.put(s.leg(), s.rateHz());
        }
        assertEquals(Map.of("left", 50.0, "right", 25.0), rates, "each leg at the rate its board gave");
        // The left leg's first minute was held, not dropped: the night starts with the left's first sample.
        assertEquals(BOOT.toEpochMilli(), n.startUtcMs(), 1000.0);
        assertTrue(n.analysis().metrics().recorded().durationS() > STOP_S - 120,
                "recorded " + n.analysis().metrics().recorded().durationS());

        boolean sawHeld = false;
        for (DaemonStatus st : statuses) {
            for (DaemonStatus.SourceStatus s : st.sources()) {
                double want = s.leg().equals("left") ? 50 : 25;
                assertTrue(Double.isNaN(s.rateHz()) || s.rateHz() == want, s.leg() + " showed " + s.rateHz() + " Hz");
            }
            sawHeld |= st.heldSamples() > 0 && st.nightId() == null;
        }
        assertTrue(sawHeld, "while the right board was silent, the left's samples were held and no night was open");
        assertTrue(statuses.stream().anyMatch(st -> st.sources().stream().anyMatch(s -> Double.isNaN(s.rateHz()))),
                "the right board had no rate before it spoke");
    }
}
