package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.report.SensorInfo;
import org.plmmonitor.analysis.signal.SampleSource;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.analysis.sim.TruthEvent;
import org.plmmonitor.bridge.sim.DeviceRole;
import org.plmmonitor.bridge.sim.DeviceSimulator;
import org.plmmonitor.bridge.sim.SimulatorConfig;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.NightConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.config.WebConfig;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A serial board at a rate other than the config's 50 Hz default, in posture mode: the rate the board
 * announces reaches the posture watch, the night's detectors, the status and the report.
 */
class SerialBoardRateTest {
    @TempDir
    Path dir;

    /** A seeded night whose first 10 minutes hold nothing that is not lying in bed with the sensor worn. */
    private static SyntheticNight lyingFromTheStart(int rateHz) {
        for (long seed = 1; seed < 200; seed++) {
            SyntheticNight n = SyntheticNight.generate(NightSpec.builder().seed(seed).durationS(900).rateHz(rateHz)
                    .bilateral(true).build());
            if (n.truth().stream().noneMatch(e -> e.onsetS() < 600 && (e.kind() == TruthEvent.Kind.OUT_OF_BED
                    || e.kind() == TruthEvent.Kind.UNWORN || e.kind() == TruthEvent.Kind.GAP))) {
                return n;
            }
        }
        throw new AssertionError("no seed lying from the start");
    }

    @ParameterizedTest
    @ValueSource(ints = {25, 100})
    void theBoardsAnnouncedRateIsTheOneEveryPartUses(int rateHz) throws Exception {
        Assumptions.assumeTrue(socatInstalled(), "socat is not installed (./test.sh installs it)");
        Path dev = dir.resolve("dev");
        Path host = dir.resolve("host");
        Process socatProc = new ProcessBuilder(List.of("socat", "pty,raw,echo=0,link=" + dev, "pty,raw,echo=0,link=" + host))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        DeviceSimulator sim = null;
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!(Files.exists(dev) && Files.exists(host)) && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            SyntheticNight night = lyingFromTheStart(rateHz);
            sim = DeviceSimulator.overSerial(dev.toString(),
                    SimulatorConfig.builder().role(DeviceRole.SENSOR).speed(40).batchSamples(25).build(),
                    List.of(night.source(Leg.LEFT), night.source(Leg.RIGHT)));
            LocalTime now = LocalTime.now(ZoneOffset.UTC);
            MonitorConfig cfg = MonitorConfig.builder().web(WebConfig.OFF)
                    .sensor(Leg.LEFT, new SensorConfig.Serial(host, 115200))
                    .sensor(Leg.RIGHT, new SensorConfig.Serial(host, 115200))
                    .night(new NightConfig(NightConfig.Mode.POSTURE, now.minusHours(2), now.plusHours(2)))
                    .store(org.plmmonitor.monitor.store.StoreConfig.builder().path(dir.resolve("data/plm.db")).build())
                    .timeZone(ZoneOffset.UTC)
                    .build();
            MonitorDaemon d = new MonitorDaemon(cfg, DaemonOptions.builder().statusInterval(java.time.Duration.ofMillis(100)).build(),
                    Clock.systemUTC(), System::nanoTime, t -> true, bus -> {
                        throw new AssertionError("no bus");
                    });
            Future<List<ClosedNight>> run = pool.submit(d::run);
            // Every status the daemon writes, from one before the board has sent anything on, has either no
            // rate yet or the board's: never a default.
            Set<Double> ratesSeen = new TreeSet<>();
            end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (d.status() == null && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertTrue(d.status() != null, "the daemon wrote its first status");
            d.status().sources().forEach(s -> ratesSeen.add(s.rateHz()));
            long simStartMs = System.currentTimeMillis();
            sim.start();
            // The whole simulated night is sent; the posture watch opens the night after 5 minutes lying.
            end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long want = (long) (0.95 * 900 * rateHz);
            while (System.nanoTime() < end && !(d.status() != null
                    && d.status().sources().stream().allMatch(s -> s.samples() >= want))) {
                if (d.status() != null) {
                    d.status().sources().forEach(s -> ratesSeen.add(s.rateHz()));
                }
                Thread.sleep(5);
            }
            d.stop();
            List<ClosedNight> nights = run.get(30, TimeUnit.SECONDS);
            DaemonStatus st = d.status();
            st.sources().forEach(s -> ratesSeen.add(s.rateHz()));
            ratesSeen.remove(Double.NaN);
            assertEquals(Set.of((double) rateHz), ratesSeen, "rates the status showed");
            for (DaemonStatus.SourceStatus s : st.sources()) {
                assertTrue(s.samples() >= want, "samples on " + s.leg() + ": " + s.samples());
                assertEquals(rateHz, s.rateHz(), 1e-9, "status: the board's announced rate");
            }
            assertEquals(1, nights.size(), "the posture watch opened a night");
            ClosedNight n = nights.get(0);
            // Both legs lie worn from the first sample: the watch's detectors, at the board's rate, see it
            // from the start (the board's seconds are device seconds: the simulator runs fast).
            double startS = (n.startUtcMs() - simStartMs) / 1000.0;
            assertTrue(startS > -5 && startS < 60, "the night opened " + startS + " s after the first sample; truth "
                    + night.truth().stream().filter(e -> e.onsetS() < 900).toList());
            for (SensorInfo s : n.analysis().provenance().sensors()) {
                assertEquals(rateHz, s.rateHz(), 1e-9, "report: " + s);
            }
            assertTrue(n.analysis().metrics().recorded().durationS() > 300, "recorded "
                    + n.analysis().metrics().recorded().durationS());
            assertTrue(n.analysis().metrics().analysable().durationS() > 0.5 * n.analysis().metrics().recorded().durationS(),
                    "analysable " + n.analysis().metrics().analysable().durationS() + " of recorded "
                            + n.analysis().metrics().recorded().durationS());
        } finally {
            if (sim != null) {
                sim.close();
            }
            pool.shutdownNow();
            socatProc.destroy();
            socatProc.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBoardAnnouncingAnUnusableRateIsNotAnalysedAndTheDaemonRunsOn() throws Exception {
        Assumptions.assumeTrue(socatInstalled(), "socat is not installed (./test.sh installs it)");
        Path dev = dir.resolve("dev5");
        Path host = dir.resolve("host5");
        Process socatProc = new ProcessBuilder(List.of("socat", "pty,raw,echo=0,link=" + dev, "pty,raw,echo=0,link=" + host))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        DeviceSimulator sim = null;
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!(Files.exists(dev) && Files.exists(host)) && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            // 5 Hz: below the 10 Hz the detector's band needs.
            SampleSource slow = new SampleSource() {
                long i;

                @Override
                public double rateHz() {
                    return 5;
                }

                @Override
                public boolean next(double[] s) {
                    if (i == 2000) {
                        return false;
                    }
                    s[0] = i / 5.0;
                    s[1] = 0.01 * (i % 7);
                    s[2] = 0;
                    s[3] = 1;
                    i++;
                    return true;
                }
            };
            sim = DeviceSimulator.overSerial(dev.toString(),
                    SimulatorConfig.builder().role(DeviceRole.SENSOR).speed(20).batchSamples(5).build(), List.of(slow));
            LocalTime now = LocalTime.now(ZoneOffset.UTC);
            MonitorConfig cfg = MonitorConfig.builder().web(WebConfig.OFF)
                    .sensor(Leg.LEFT, new SensorConfig.Serial(host, 115200))
                    .night(new NightConfig(NightConfig.Mode.SCHEDULE, now.minusHours(2), now.plusHours(2)))
                    .store(org.plmmonitor.monitor.store.StoreConfig.builder().path(dir.resolve("data5/plm.db")).build())
                    .timeZone(ZoneOffset.UTC)
                    .build();
            MonitorDaemon d = new MonitorDaemon(cfg, DaemonOptions.builder().statusInterval(java.time.Duration.ofMillis(100)).build(),
                    Clock.systemUTC(), System::nanoTime, t -> true, bus -> {
                        throw new AssertionError("no bus");
                    });
            Future<List<ClosedNight>> run = pool.submit(d::run);
            sim.start();
            end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < end && !(d.status() != null && d.status().sources().get(0).samples() > 200)) {
                Thread.sleep(20);
            }
            d.stop();
            List<ClosedNight> nights = run.get(30, TimeUnit.SECONDS);
            DaemonStatus.SourceStatus s = d.status().sources().get(0);
            assertTrue(s.samples() > 200, "the board's samples arrived: " + s.samples());
            assertTrue(Double.isNaN(s.rateHz()), "no usable rate: " + s.rateHz());
            assertTrue(d.status().heldSamples() > 0, "its samples wait, held");
            assertEquals(List.of(), nights, "no night analysed at a rate the detector cannot use");
        } finally {
            if (sim != null) {
                sim.close();
            }
            pool.shutdownNow();
            socatProc.destroy();
            socatProc.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static boolean socatInstalled() {
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, "socat"))) {
                return true;
            }
        }
        return false;
    }
}
