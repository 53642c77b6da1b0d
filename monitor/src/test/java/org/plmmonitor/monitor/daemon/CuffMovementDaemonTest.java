package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.movement.MovementSource;
import org.plmmonitor.analysis.report.SensorInfo;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.bridge.protocol.Message.Command;
import org.plmmonitor.bridge.sim.DeviceRole;
import org.plmmonitor.bridge.sim.DeviceSimulator;
import org.plmmonitor.bridge.sim.SimulatorConfig;
import org.plmmonitor.monitor.config.CuffConfig;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.NightConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.store.StoreConfig;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The daemon on a live run (one board over a real socat pty carrying the left ankle and the cuff controller):
 * the controller's telemetry pressure reaches the open night's pipeline, so the closed night names the cuff as
 * a sensor and counts the time it held as the cuff's analysable time, and only that.
 */
class CuffMovementDaemonTest {
    private static final int CEILING_MMHG = 35;
    private static final int TEST_ID = 60_000;
    private static final double HOLD_S = 12;

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        pool.shutdownNow();
    }

    @Test
    void aHoldOfTheCuffIsTheCuffsAnalysableTimeInTheLiveNight() throws Exception {
        Path dev = dir.resolve("dev");
        Path host = dir.resolve("host");
        startSocat(dev, host);
        SyntheticNight night = SyntheticNight.generate(NightSpec.builder().seed(8).durationS(600).rateHz(25).build());
        DeviceSimulator sim = DeviceSimulator.overSerial(dev.toString(),
                SimulatorConfig.builder().role(DeviceRole.BOTH).speed(1).build(), List.of(night.source(Leg.LEFT)));
        toClose.add(sim);
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        MonitorConfig cfg = MonitorConfig.builder().web(WebConfig.OFF)
                .sensor(Leg.LEFT, new SensorConfig.Serial(host, 115200))
                .cuff(new CuffConfig(CuffConfig.Link.SERIAL, Optional.of(host), 115200, CEILING_MMHG, Duration.ofSeconds(20)))
                .night(new NightConfig(NightConfig.Mode.SCHEDULE, now.minusHours(2), now.plusHours(2)))
                .store(StoreConfig.builder().path(dir.resolve("data/plm.db")).build())
                .timeZone(ZoneOffset.UTC)
                .build();
        MonitorDaemon d = new MonitorDaemon(cfg, DaemonOptions.builder().statusInterval(Duration.ofMillis(100)).build(),
                Clock.systemUTC(), System::nanoTime, t -> true, bus -> {
                    throw new AssertionError("no bus");
                }, CuffLinkOpener.CONFIGURED);
        Future<List<ClosedNight>> run = pool.submit(d::run);
        sim.start();
        await("the cuff idle with its limits acknowledged and the night open", () -> d.status() != null
                && d.status().cuff().state() == CuffLinkState.IDLE && d.status().cuff().limitsAcknowledged()
                && d.status().nightId() != null, 15);
        synchronized (sim.cuff()) {
            assertNull(sim.cuff().command(Command.inflate(TEST_ID, 25, HOLD_S)), "accepted");
        }
        await("holding", () -> d.status().cuff().state() == CuffLinkState.HOLDING, 10);
        await("vented and idle again", () -> d.status().cuff().state() == CuffLinkState.IDLE, HOLD_S + 10);
        d.stop();
        List<ClosedNight> closed = run.get(15, TimeUnit.SECONDS);
        assertEquals(1, closed.size(), closed.toString());
        var analysis = closed.get(0).analysis();
        assertTrue(analysis.provenance().sensors().stream()
                .anyMatch(s -> s.kind().equals(SensorInfo.CUFF_PRESSURE) && s.leg().equals("left") && s.name().equals(host.toString())),
                analysis.provenance().sensors().toString());
        assertTrue(analysis.provenance().detectorVersion().endsWith("+cuff-1.1"), analysis.provenance().detectorVersion());
        double held = analysis.analysableBySourceS().get(MovementSource.CUFF_PRESSURE);
        // The controller held 12 s; the detector counts it from 3 s after the pressure settled (2 s settle, 1 s warm).
        assertTrue(held > HOLD_S - 6 && held <= HOLD_S + 0.5, "the cuff's analysable time: " + held + " s");
        assertTrue(analysis.analysableBySourceS().get(MovementSource.ACCELEROMETER) >= 0);
        assertTrue(Files.readString(closed.get(0).report()).contains("\"cuff-pressure\":"));
    }

    private void startSocat(Path dev, Path host) throws Exception {
        boolean socat = false;
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            socat |= Files.isExecutable(Path.of(p, "socat"));
        }
        Assumptions.assumeTrue(socat, "socat is not installed (./test.sh installs it)");
        Process process = new ProcessBuilder(List.of("socat", "pty,raw,echo=0,link=" + dev, "pty,raw,echo=0,link=" + host))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        toClose.add(() -> {
            process.destroy();
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        });
        await("socat's links", () -> Files.exists(dev) && Files.exists(host), 10);
    }

    /** Polls a condition every 20 ms until it holds; fails after {@code seconds}. */
    private static void await(String what, BooleanSupplier cond, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("not within " + seconds + " s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }
}
