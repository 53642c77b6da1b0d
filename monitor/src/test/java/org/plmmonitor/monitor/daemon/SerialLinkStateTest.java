package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
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
import org.plmmonitor.monitor.store.StoreConfig;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The link of a serial board is visible while it is down (issue 12): a board behind a real socat pty, its
 * socat killed mid-run and restarted, and a configured path that does not exist.
 */
class SerialLinkStateTest {
    @TempDir
    Path dir;

    /** Held strongly: JUL keeps loggers only weakly, and a collected logger would lose the handler. */
    private final Logger daemonLog = Logger.getLogger("org.plmmonitor.monitor.daemon");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        capture.setLevel(Level.ALL);
        daemonLog.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        daemonLog.removeHandler(capture);
    }

    private List<String> logged(Level level, String containing) {
        return records.stream().filter(r -> r.getLevel() == level && r.getMessage().contains(containing))
                .map(LogRecord::getMessage).toList();
    }

    private MonitorDaemon daemon(MonitorConfig cfg) {
        return new MonitorDaemon(cfg, DaemonOptions.builder().statusInterval(Duration.ofMillis(100)).build(),
                Clock.systemUTC(), System::nanoTime, t -> true, bus -> {
                    throw new AssertionError("no bus");
                });
    }

    private MonitorConfig config(Path left, Path right, Path data) {
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        MonitorConfig.Builder b = MonitorConfig.builder().web(WebConfig.OFF).sensor(Leg.LEFT, new SensorConfig.Serial(left, 115200));
        if (right != null) {
            b.sensor(Leg.RIGHT, new SensorConfig.Serial(right, 115200));
        }
        return b.night(new NightConfig(NightConfig.Mode.SCHEDULE, now.minusHours(2), now.plusHours(2)))
                .store(StoreConfig.builder().path(data.resolve("plm.db")).build())
                .timeZone(ZoneOffset.UTC)
                .build();
    }

    private static boolean bothLegs(MonitorDaemon d, SourceLinkState state) {
        DaemonStatus s = d.status();
        return s != null && s.sources().size() == 2 && s.sources().stream().allMatch(src -> src.link() == state);
    }

    @Test
    void aKilledSocatShowsDisconnectedOnBothLegsWithOneLostAndOneReconnectedLine() throws Exception {
        assumeSocat();
        Path dev = dir.resolve("dev");
        Path host = dir.resolve("host");
        Path data = dir.resolve("data");
        Socat socat = new Socat(dev, host).start();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        SyntheticNight night = SyntheticNight.generate(NightSpec.builder().seed(7).durationS(3600).rateHz(50)
                .bilateral(true).build());
        MonitorDaemon d = daemon(config(host, host, data));
        try (DeviceSimulator sim = DeviceSimulator.overSerial(dev.toString(),
                SimulatorConfig.builder().role(DeviceRole.SENSOR).speed(10).batchSamples(25).build(),
                List.of(night.source(Leg.LEFT), night.source(Leg.RIGHT)))) {
            Future<List<ClosedNight>> run = pool.submit(d::run);
            sim.start();
            await("both legs connected and receiving", Duration.ofSeconds(20),
                    () -> bothLegs(d, SourceLinkState.CONNECTED) && d.status().sources().stream().allMatch(s -> s.samples() > 500),
                    () -> String.valueOf(d.status()));
            assertEquals(List.of(), logged(Level.WARNING, "lost"), "no loss before the unplug");

            socat.stop();
            await("both legs disconnected", Duration.ofSeconds(10), () -> bothLegs(d, SourceLinkState.DISCONNECTED),
                    () -> String.valueOf(d.status()));
            await("status files show it", Duration.ofSeconds(5), () -> {
                String json = read(data.resolve(StatusFile.JSON));
                String text = read(data.resolve(StatusFile.TEXT));
                return json.split("\"link\": \"disconnected\"", -1).length == 3
                        && text.split(", link disconnected", -1).length == 3;
            }, () -> read(data.resolve(StatusFile.JSON)) + read(data.resolve(StatusFile.TEXT)));
            // The daemon retries every 50-500 ms while the board is away: let several retries fail.
            await("the simulator is dropping frames", Duration.ofSeconds(10), () -> sim.stats().framesDropped() > 20,
                    () -> sim.stats().toString());

            socat.start();
            await("both legs connected again", Duration.ofSeconds(15), () -> bothLegs(d, SourceLinkState.CONNECTED),
                    () -> String.valueOf(d.status()));
            await("the reconnection is logged", Duration.ofSeconds(5),
                    () -> !logged(Level.INFO, "reconnected").isEmpty(), records::toString);
            d.stop();
            run.get(30, TimeUnit.SECONDS);
        } finally {
            d.stop();
            pool.shutdownNow();
            socat.stop();
        }
        List<String> lost = logged(Level.WARNING, "lost");
        assertEquals(1, lost.size(), "one WARNING for the unplug, not one per retry: " + lost);
        assertTrue(lost.get(0).contains(host.toString()), lost.get(0));
        List<String> back = logged(Level.INFO, "reconnected");
        assertEquals(1, back.size(), "one INFO for the return: " + back);
        assertTrue(back.get(0).contains(host.toString()) && back.get(0).matches(".* after \\d+\\.\\d s down.*"), back.get(0));
    }

    @Test
    void aMissingPathIsWarnedAtStartNamingItsKeyAndShownDisconnected() throws Exception {
        Path missing = dir.resolve("no-such-board");
        Path data = dir.resolve("data");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        MonitorDaemon d = daemon(config(missing, null, data));
        try {
            Future<List<ClosedNight>> run = pool.submit(d::run);
            await("a status", Duration.ofSeconds(20), () -> d.status() != null && Files.exists(data.resolve(StatusFile.TEXT)),
                    () -> "none");
            DaemonStatus.SourceStatus s = d.status().sources().get(0);
            assertEquals(SourceLinkState.DISCONNECTED, s.link());
            assertTrue(read(data.resolve(StatusFile.TEXT)).contains("serial " + missing + ", rate not announced yet"),
                    read(data.resolve(StatusFile.TEXT)));
            assertTrue(read(data.resolve(StatusFile.TEXT)).contains(", link disconnected\n"), read(data.resolve(StatusFile.TEXT)));
            assertTrue(read(data.resolve(StatusFile.JSON)).contains("\"link\": \"disconnected\""), read(data.resolve(StatusFile.JSON)));
            d.stop();
            run.get(30, TimeUnit.SECONDS);
        } finally {
            d.stop();
            pool.shutdownNow();
        }
        List<String> warned = logged(Level.WARNING, "sensor.left.path");
        assertEquals(1, warned.size(), records.stream().map(LogRecord::getMessage).toList().toString());
        assertTrue(warned.get(0).contains(missing.toString()) && warned.get(0).contains("does not exist")
                && warned.get(0).contains("keeps retrying"), warned.get(0));
    }

    @Test
    void aPathThatExistsButIsNoSerialDeviceIsWarnedNamingThePathAndTheReason() throws Exception {
        Path file = Files.writeString(dir.resolve("board.txt"), "not a tty");
        Path folder = Files.createDirectory(dir.resolve("board-dir"));
        Path data = dir.resolve("data");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        MonitorDaemon d = daemon(config(file, folder, data));
        try {
            Future<List<ClosedNight>> run = pool.submit(d::run);
            await("a status", Duration.ofSeconds(20), () -> d.status() != null && Files.exists(data.resolve(StatusFile.TEXT)),
                    () -> "none");
            assertTrue(d.status().sources().stream().allMatch(s -> s.link() == SourceLinkState.DISCONNECTED),
                    d.status().sources().toString());
            d.stop();
            run.get(30, TimeUnit.SECONDS);
        } finally {
            d.stop();
            pool.shutdownNow();
        }
        List<String> left = logged(Level.WARNING, "sensor.left.path");
        assertEquals(1, left.size(), records.stream().map(LogRecord::getMessage).toList().toString());
        assertTrue(left.get(0).contains(file + " cannot be opened: it is a regular file, not a serial device"), left.get(0));
        List<String> right = logged(Level.WARNING, "sensor.right.path");
        assertEquals(1, right.size(), records.stream().map(LogRecord::getMessage).toList().toString());
        assertTrue(right.get(0).contains(folder + " cannot be opened: it is a directory"), right.get(0));
    }

    @Test
    void aDeviceTheUserMayNotOpenIsNamedAsPermissionDenied() throws Exception {
        assumeSocat();
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root opens any device: no refusal to see");
        Path dev = dir.resolve("dev");
        Path host = dir.resolve("host");
        Socat socat = new Socat(dev, host).start();
        try {
            Assumptions.assumeTrue(SerialPathCheck.problem(host).isEmpty(), "the pty is openable before chmod");
            Files.setPosixFilePermissions(host.toRealPath(), java.util.Set.of());
            assertTrue(SerialPathCheck.problem(host).orElse("").startsWith("permission denied"),
                    SerialPathCheck.problem(host).toString());
        } finally {
            socat.stop();
        }
    }

    @Test
    void sourcesWithoutALinkShowNone() {
        DaemonStatus.SourceStatus sim = new DaemonStatus.SourceStatus("left", "simulator", "seed 1 left", 50, Double.NaN,
                0, Double.NaN, null, 0, 0, false, null);
        DaemonStatus s = new DaemonStatus(java.time.Instant.parse("2026-12-06T23:00:00Z"), true, 0, 0, 0, null, null, 0, 0,
                List.of(sim), data(), null, null, DaemonStatus.CuffStatus.NOT_CONFIGURED, org.plmmonitor.monitor.web.WebStatus.DISABLED);
        assertTrue(StatusFile.json(s).contains("\"ended\": false, \"link\": null}"), StatusFile.json(s));
        assertTrue(StatusFile.text(s).contains("0 lost\n"), StatusFile.text(s));
    }

    private Path data() {
        return dir.resolve("plm.db");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Polls a condition until it holds, failing with what was seen when it does not within the bound. */
    private static void await(String what, Duration bound, BooleanSupplier cond, Supplier<String> seen)
            throws InterruptedException {
        long end = System.nanoTime() + bound.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + bound + ": " + what + "; seen " + seen.get());
            }
            Thread.sleep(10);
        }
    }

    private static void assumeSocat() {
        boolean found = false;
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            found |= Files.isExecutable(Path.of(p, "socat"));
        }
        Assumptions.assumeTrue(found, "socat is not installed (./test.sh installs it)");
    }

    /** A socat pty pair that can be killed (the unplug) and started again on the same links. */
    private static final class Socat {
        private final Path a;
        private final Path b;
        private Process process;

        Socat(Path a, Path b) {
            this.a = a;
            this.b = b;
        }

        Socat start() throws IOException, InterruptedException {
            process = new ProcessBuilder(List.of("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            await("socat links " + a + " and " + b, Duration.ofSeconds(5),
                    () -> Files.exists(a) && Files.exists(b) || !process.isAlive(), () -> "no links");
            assertTrue(process.isAlive(), "socat started");
            return this;
        }

        void stop() throws InterruptedException, IOException {
            if (process == null) {
                return;
            }
            process.destroy();
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
            process = null;
            Files.deleteIfExists(a);
            Files.deleteIfExists(b);
        }
    }
}
