package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A serial board carrying both legs, on a real pseudo-terminal pair (socat), read by the daemon. */
class SerialSourceTest {
    @TempDir
    Path dir;

    @Test
    void oneBoardFeedsBothLegsIntoTheNight() throws Exception {
        boolean socat = false;
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            socat |= Files.isExecutable(Path.of(p, "socat"));
        }
        Assumptions.assumeTrue(socat, "socat is not installed (./test.sh installs it)");
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
            SyntheticNight night = SyntheticNight.generate(NightSpec.builder().seed(2).durationS(600).rateHz(50)
                    .bilateral(true).build());
            sim = DeviceSimulator.overSerial(dev.toString(),
                    SimulatorConfig.builder().role(DeviceRole.SENSOR).speed(20).batchSamples(25).build(),
                    List.of(night.source(Leg.LEFT), night.source(Leg.RIGHT)));
            // A window around now, so that the live night opens at once.
            LocalTime now = LocalTime.now(ZoneOffset.UTC);
            MonitorConfig cfg = MonitorConfig.builder().web(WebConfig.OFF)
                    .sensor(Leg.LEFT, new SensorConfig.Serial(host, 115200))
                    .sensor(Leg.RIGHT, new SensorConfig.Serial(host, 115200))
                    .night(new NightConfig(NightConfig.Mode.SCHEDULE, now.minusHours(2), now.plusHours(2)))
                    .store(org.plmmonitor.monitor.store.StoreConfig.builder().path(dir.resolve("data/plm.db")).build())
                    .timeZone(ZoneOffset.UTC)
                    .build();
            MonitorDaemon d = new MonitorDaemon(cfg, DaemonOptions.builder().statusInterval(java.time.Duration.ofMillis(100)).build(),
                    Clock.systemUTC(), System::nanoTime, t -> true, bus -> {
                        throw new AssertionError("no bus");
                    });
            Future<List<ClosedNight>> run = pool.submit(d::run);
            sim.start();
            end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < end && !(d.status() != null
                    && d.status().sources().stream().allMatch(s -> s.samples() > 1500))) {
                Thread.sleep(20);
            }
            d.stop();
            List<ClosedNight> nights = run.get(30, TimeUnit.SECONDS);
            DaemonStatus st = d.status();
            assertEquals(2, st.sources().size());
            for (DaemonStatus.SourceStatus s : st.sources()) {
                assertEquals("serial", s.type());
                assertTrue(s.samples() > 1500, "samples on " + s.leg() + ": " + s.samples());
                assertEquals(50.0, s.rateHz(), 1e-9, "the board's rate, as it announced it");
                assertEquals(0, s.rejected(), "no corrupt frame on a clean link");
                assertTrue(s.lastSampleUtc() != null);
            }
            assertEquals(1, nights.size(), "the night opened and closed on stop");
            assertTrue(nights.get(0).analysis().metrics().recorded().durationS() > 25, "recorded "
                    + nights.get(0).analysis().metrics().recorded().durationS());
        } finally {
            if (sim != null) {
                sim.close();
            }
            pool.shutdownNow();
            socatProc.destroy();
            socatProc.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
