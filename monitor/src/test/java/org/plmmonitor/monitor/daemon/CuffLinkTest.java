package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.SyntheticNight;
import org.plmmonitor.bridge.protocol.CuffFault;
import org.plmmonitor.bridge.protocol.Message.Command;
import org.plmmonitor.bridge.protocol.Message.NackReason;
import org.plmmonitor.bridge.sim.CuffController;
import org.plmmonitor.bridge.sim.DeviceRole;
import org.plmmonitor.bridge.sim.DeviceSimulator;
import org.plmmonitor.bridge.sim.SimulatorConfig;
import org.plmmonitor.monitor.cli.PlmCommand;
import org.plmmonitor.monitor.config.CuffConfig;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.NightConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.store.CuffAction;
import org.plmmonitor.monitor.store.CuffCommand;
import org.plmmonitor.monitor.store.CuffOutcome;
import org.plmmonitor.monitor.store.DeviceEvent;
import org.plmmonitor.monitor.store.DeviceEventKind;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightIds;
import picocli.CommandLine;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The daemon connects to and watches a compression-cuff controller (never inflating it): the in-process
 * simulator ({@code cuff.type = simulator}) and the device simulator in cuff role over a real socat pty
 * pair ({@code cuff.type = serial}). Inflations are driven from the device side (the simulated
 * controller's own command entry), never through the daemon.
 */
class CuffLinkTest {
    /** The configured host ceiling, below the simulated controller's compiled 60 mmHg. */
    private static final int CEILING_MMHG = 35;
    /** Command ids the test gives the controller directly: far from the daemon's (1, 2, ...). */
    private static final int TEST_ID = 60_000;

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    /** The simulated controller's link, opened as {@code cuff.type = simulator} opens it, kept to drive it. */
    private final InProcessCuff cuffOpener = new InProcessCuff();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        pool.shutdownNow();
    }

    /** (a) A simulated cuff beside a simulated sensor: idle, no pressure, limits acknowledged, in every status form. */
    @Test
    void simulatedCuffIsIdleWithItsLimitsAcknowledged() throws Exception {
        Path db = dir.resolve("data/plm.db");
        MonitorDaemon d = daemon(withSimulatedSensor(db, simulatedCuff(20)).build(), cuffOpener);
        Future<List<ClosedNight>> run = pool.submit(d::run);
        DaemonStatus.CuffStatus c = awaitCuff(d, "idle with limits acknowledged",
                s -> s.state() == CuffLinkState.IDLE && s.limitsAcknowledged() && s.pressureMmHg() != null);
        assertEquals("simulator", c.link());
        assertEquals(0, c.pressureMmHg(), 1.0);
        assertEquals(CEILING_MMHG, c.ceilingMmHg());
        assertNotNull(c.lastTelemetryUtc());
        assertEquals(Set.of(), c.faults());
        // The limits reached the controller: its runtime ceiling is the configured one.
        DeviceSimulator sim = cuffOpener.controller();
        synchronized (sim.cuff()) {
            assertEquals(CEILING_MMHG, sim.cuff().ceilingMmHg(), 1e-9);
        }
        // The files plm status reads, once a snapshot with the cuff idle has been written.
        Path data = db.getParent();
        await("status.json shows the cuff", () -> read(data.resolve(StatusFile.JSON)).contains("\"state\": \"idle\""));
        String json = cliStatus(data, true);
        assertTrue(json.contains("\"cuff\": {\"state\": \"idle\", \"link\": \"simulator\", \"pressure_mmhg\": "), json);
        assertTrue(json.contains("\"ceiling_mmhg\": 35, \"last_telemetry_utc\": \"20"), json);
        assertTrue(json.contains("\"faults\": [], \"limits_acknowledged\": true}"), json);
        String text = cliStatus(data, false);
        assertTrue(text.contains("cuff: idle on simulator, pressure "), text);
        assertTrue(text.contains("host ceiling 35 mmHg acknowledged, faults: none"), text);

        d.stop();
        run.get(10, TimeUnit.SECONDS);
        try (LocalStore store = LocalStore.open(db, org.plmmonitor.monitor.store.StoreConfig.defaults(), Clock.systemUTC())) {
            List<DeviceEvent> events = cuffEvents(store, nightsAround());
            assertEquals(1, events.stream().filter(e -> e.kind() == DeviceEventKind.CONNECTED).count(), events.toString());
            assertEquals(0, events.stream().filter(e -> e.kind() == DeviceEventKind.LIMITS_REFUSED).count(), events.toString());
            assertEquals(List.of(), cuffActions(store, nightsAround()), "an idle cuff is not vented at stop");
        }
    }

    /** (c) A fault flag that stays set over many telemetry frames is one device event, and shows in status. */
    @Test
    void aFaultFlagAppearingInTelemetryIsOneDeviceEvent() throws Exception {
        Path db = dir.resolve("data/plm.db");
        // cuff.max_inflation_s = 1: the controller stops an inflation to 29 mmHg (about 1.1 s of pumping) at 1 s.
        MonitorDaemon d = daemon(withSimulatedSensor(db, simulatedCuff(1)).build(), cuffOpener);
        Future<List<ClosedNight>> run = pool.submit(d::run);
        awaitCuff(d, "limits acknowledged", s -> s.state() == CuffLinkState.IDLE && s.limitsAcknowledged());
        DeviceSimulator sim = cuffOpener.controller();
        synchronized (sim.cuff()) {
            assertNull(sim.cuff().command(Command.inflate(TEST_ID, 29, 1)), "accepted");
        }
        awaitCuff(d, "max time in the faults", s -> s.faults().contains(CuffFault.MAX_TIME));
        // The flag stays set while the cuff vents and after (until the next INFLATE): many frames carry it.
        DaemonStatus.CuffStatus c = awaitCuff(d, "vented back to idle, flag still set",
                s -> s.state() == CuffLinkState.IDLE && s.faults().equals(Set.of(CuffFault.MAX_TIME)));
        assertEquals(0, c.pressureMmHg(), 1.0);
        Instant seen = c.lastTelemetryUtc();
        awaitCuff(d, "more telemetry with the flag", s -> s.lastTelemetryUtc().isAfter(seen.plusMillis(300))
                && s.faults().equals(Set.of(CuffFault.MAX_TIME)));
        d.stop();
        run.get(10, TimeUnit.SECONDS);
        List<DeviceEvent> faults = storedCuffEvents(db, DeviceEventKind.FAULT);
        assertEquals(1, faults.size(), faults.toString());
        assertTrue(faults.get(0).detail().startsWith("max time"), faults.get(0).detail());
    }

    /**
     * (d, in process) The configured ceiling reaches the controller, which refuses an inflation above it;
     * an inflation below it is the controller's to run, and a stop vents it (recorded as a VENT action).
     */
    @Test
    void theConfiguredCeilingReachesTheControllerAndStopVentsAnInflatedCuff() throws Exception {
        Path db = dir.resolve("data/plm.db");
        MonitorDaemon d = daemon(withSimulatedSensor(db, simulatedCuff(20)).build(), cuffOpener);
        Future<List<ClosedNight>> run = pool.submit(d::run);
        awaitCuff(d, "limits acknowledged", s -> s.state() == CuffLinkState.IDLE && s.limitsAcknowledged());
        DeviceSimulator sim = cuffOpener.controller();
        synchronized (sim.cuff()) {
            // 40 mmHg is under the compiled 60 mmHg: only the host's 35 mmHg can refuse it.
            assertEquals(NackReason.ABOVE_CEILING, sim.cuff().command(Command.inflate(TEST_ID, 40, 5)));
            assertNull(sim.cuff().command(Command.inflate(TEST_ID + 1, 30, 15)), "below the ceiling: accepted");
        }
        awaitCuff(d, "inflating or holding", s -> s.state() == CuffLinkState.INFLATING || s.state() == CuffLinkState.HOLDING);
        long t0 = System.nanoTime();
        d.stop();
        run.get(10, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "stop stays prompt");
        synchronized (sim.cuff()) {
            CuffController cc = sim.cuff();
            assertFalse(cc.pumpOn(), "pump off after the stop's VENT");
            assertTrue(cc.state() == org.plmmonitor.bridge.protocol.Message.CuffState.VENTING
                    || cc.state() == org.plmmonitor.bridge.protocol.Message.CuffState.IDLE, cc.state().toString());
        }
        assertEquals(CuffLinkState.DISCONNECTED, d.status().cuff().state(), "the last status: link closed");
        try (LocalStore store = LocalStore.open(db, org.plmmonitor.monitor.store.StoreConfig.defaults(), Clock.systemUTC())) {
            List<CuffAction> actions = cuffActions(store, nightsAround());
            assertEquals(1, actions.size(), actions.toString());
            assertEquals(CuffCommand.VENT, actions.get(0).command());
            assertEquals(CuffOutcome.DONE, actions.get(0).outcome());
        }
    }

    /**
     * (b, d) Over a real socat pty pair, the device simulator in cuff role: the daemon (cuff only, no sensor)
     * connects, its limits are acknowledged and are the controller's; socat killed is a disconnection in
     * the status and in the store.
     */
    @Test
    void serialCuffOverAPtyConnectsAndReportsItsLoss() throws Exception {
        Pty pty = pty();
        DeviceSimulator sim = DeviceSimulator.overSerial(pty.dev.toString(),
                SimulatorConfig.builder().role(DeviceRole.CUFF).speed(1).build(), List.of());
        toClose.add(sim);
        sim.start();
        Path db = dir.resolve("data/plm.db");
        MonitorConfig cfg = MonitorConfig.builder().web(WebConfig.OFF)
                .cuff(new CuffConfig(CuffConfig.Link.SERIAL, Optional.of(pty.host), 115200, CEILING_MMHG, Duration.ofSeconds(20)))
                .store(org.plmmonitor.monitor.store.StoreConfig.builder().path(db).build())
                .timeZone(ZoneOffset.UTC)
                .build();
        MonitorDaemon d = daemon(cfg);
        Future<List<ClosedNight>> run = pool.submit(d::run);
        DaemonStatus.CuffStatus c = awaitCuff(d, "idle with limits acknowledged",
                s -> s.state() == CuffLinkState.IDLE && s.limitsAcknowledged());
        assertEquals(pty.host.toString(), c.link());
        assertEquals(CEILING_MMHG, c.ceilingMmHg());
        synchronized (sim.cuff()) {
            assertEquals(CEILING_MMHG, sim.cuff().ceilingMmHg(), 1e-9);
            assertEquals(NackReason.ABOVE_CEILING, sim.cuff().command(Command.inflate(TEST_ID, 40, 5)));
        }
        assertFalse(run.isDone(), "a cuff alone keeps the daemon running");

        pty.kill(); // the unplug
        awaitCuff(d, "disconnected", s -> s.state() == CuffLinkState.DISCONNECTED && !s.limitsAcknowledged());
        d.stop();
        run.get(10, TimeUnit.SECONDS);
        try (LocalStore store = LocalStore.open(db, org.plmmonitor.monitor.store.StoreConfig.defaults(), Clock.systemUTC())) {
            List<DeviceEvent> events = cuffEvents(store, nightsAround());
            assertEquals(1, events.stream().filter(e -> e.kind() == DeviceEventKind.CONNECTED).count(), events.toString());
            List<DeviceEvent> lost = events.stream().filter(e -> e.kind() == DeviceEventKind.DISCONNECTED).toList();
            assertEquals(1, lost.size(), events.toString());
            assertTrue(lost.get(0).detail().startsWith("lost " + pty.host), lost.get(0).detail());
        }
    }

    /** A board that is no cuff controller refuses the limits (NACK NOT_A_CUFF): a device event, and the daemon runs on. */
    @Test
    void refusedLimitsAreADeviceEventAndTheDaemonRunsOn() throws Exception {
        Pty pty = pty();
        SyntheticNight night = SyntheticNight.generate(NightSpec.builder().seed(6).durationS(600).rateHz(25).build());
        DeviceSimulator sim = DeviceSimulator.overSerial(pty.dev.toString(),
                SimulatorConfig.builder().role(DeviceRole.SENSOR).speed(1).build(), List.of(night.source(Leg.LEFT)));
        toClose.add(sim);
        sim.start();
        Path db = dir.resolve("data/plm.db");
        MonitorConfig cfg = MonitorConfig.builder().web(WebConfig.OFF)
                .cuff(new CuffConfig(CuffConfig.Link.SERIAL, Optional.of(pty.host), 115200, CEILING_MMHG, Duration.ofSeconds(20)))
                .store(org.plmmonitor.monitor.store.StoreConfig.builder().path(db).build())
                .timeZone(ZoneOffset.UTC)
                .build();
        MonitorDaemon d = daemon(cfg);
        Future<List<ClosedNight>> run = pool.submit(d::run);
        // HELLO, SET_LIMITS, then host heartbeats every 500 ms: by the fourth host frame the NACK (sent
        // within the controller's 100 ms) has long been answered.
        await("host heartbeats after the refusal", () -> sim.stats().hostFrames() >= 4 && d.status() != null);
        await("connected, no telemetry, limits not acknowledged", () -> {
            DaemonStatus.CuffStatus c = d.status().cuff();
            return c.state() == CuffLinkState.CONNECTING && !c.limitsAcknowledged();
        });
        assertFalse(run.isDone(), "the daemon keeps running");
        assertNull(d.status().cuff().pressureMmHg(), "no telemetry from a sensor board");
        d.stop();
        run.get(10, TimeUnit.SECONDS);
        List<DeviceEvent> refused = storedCuffEvents(db, DeviceEventKind.LIMITS_REFUSED);
        assertEquals(1, refused.size(), refused.toString());
        assertTrue(refused.get(0).detail().contains("refused: NOT_A_CUFF"), refused.get(0).detail());
    }

    /** One board carrying both legs and the cuff: one session on the one port, samples and cuff alike. */
    @Test
    void aCuffOnTheSensorBoardSharesItsSession() throws Exception {
        Pty pty = pty();
        SyntheticNight night = SyntheticNight.generate(NightSpec.builder().seed(5).durationS(600).rateHz(50)
                .bilateral(true).build());
        DeviceSimulator sim = DeviceSimulator.overSerial(pty.dev.toString(),
                SimulatorConfig.builder().role(DeviceRole.BOTH).speed(1).build(),
                List.of(night.source(Leg.LEFT), night.source(Leg.RIGHT)));
        toClose.add(sim);
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        Path db = dir.resolve("data/plm.db");
        MonitorConfig cfg = MonitorConfig.builder().web(WebConfig.OFF)
                .sensor(Leg.LEFT, new SensorConfig.Serial(pty.host, 115200))
                .sensor(Leg.RIGHT, new SensorConfig.Serial(pty.host, 115200))
                .cuff(new CuffConfig(CuffConfig.Link.SERIAL, Optional.of(pty.host), 115200, CEILING_MMHG, Duration.ofSeconds(20)))
                .night(new NightConfig(NightConfig.Mode.SCHEDULE, now.minusHours(2), now.plusHours(2)))
                .store(org.plmmonitor.monitor.store.StoreConfig.builder().path(db).build())
                .timeZone(ZoneOffset.UTC)
                .build();
        MonitorDaemon d = daemon(cfg);
        Future<List<ClosedNight>> run = pool.submit(d::run);
        sim.start();
        awaitCuff(d, "idle with limits acknowledged", s -> s.state() == CuffLinkState.IDLE && s.limitsAcknowledged());
        await("samples on both legs", () -> d.status().sources().stream().allMatch(s -> s.samples() > 100));
        synchronized (sim.cuff()) {
            assertEquals(CEILING_MMHG, sim.cuff().ceilingMmHg(), 1e-9);
        }
        d.stop();
        run.get(10, TimeUnit.SECONDS);
        try (LocalStore store = LocalStore.open(db, org.plmmonitor.monitor.store.StoreConfig.defaults(), Clock.systemUTC())) {
            List<DeviceEvent> events = cuffEvents(store, nightsAround());
            assertEquals(1, events.stream().filter(e -> e.kind() == DeviceEventKind.CONNECTED).count(),
                    "one connection: the port was opened once " + events);
        }
    }

    // ---- helpers ----

    private static CuffConfig simulatedCuff(int maxInflationS) {
        return new CuffConfig(CuffConfig.Link.SIMULATOR, Optional.empty(), 115200, CEILING_MMHG, Duration.ofSeconds(maxInflationS));
    }

    /** A simulated left sensor at real time (a run that lasts until stop) beside the cuff. */
    private static MonitorConfig.Builder withSimulatedSensor(Path db, CuffConfig cuff) {
        return MonitorConfig.builder().web(WebConfig.OFF)
                .sensor(Leg.LEFT, new SensorConfig.Simulator(11, 1, 25))
                .cuff(cuff)
                .store(org.plmmonitor.monitor.store.StoreConfig.builder().path(db).build())
                .timeZone(ZoneOffset.UTC);
    }

    private static MonitorDaemon daemon(MonitorConfig cfg) {
        return daemon(cfg, CuffLinkOpener.CONFIGURED);
    }

    private static MonitorDaemon daemon(MonitorConfig cfg, CuffLinkOpener cuffLinks) {
        return new MonitorDaemon(cfg, DaemonOptions.builder().simulatedHours(1.0).statusInterval(Duration.ofMillis(100)).build(),
                Clock.systemUTC(), System::nanoTime, t -> true, bus -> {
                    throw new AssertionError("no bus");
                }, cuffLinks);
    }

    /**
     * Opens {@code cuff.type = simulator}'s link as the daemon's own opener does (the simulated controller in
     * cuff role, real time, over an in-memory link) and keeps the controller, which the test drives from the
     * device side.
     */
    private static final class InProcessCuff implements CuffLinkOpener {
        private volatile DeviceSimulator controller;

        @Override
        public CuffLink open(CuffConfig cfg, Optional<SerialBoard> shared) {
            assertEquals(CuffConfig.Link.SIMULATOR, cfg.link());
            return CuffLink.inProcess(link -> controller = CuffLink.simulatedController(link));
        }

        DeviceSimulator controller() {
            assertNotNull(controller, "the daemon has not opened the cuff's link");
            return controller;
        }
    }

    private static DaemonStatus.CuffStatus awaitCuff(MonitorDaemon d, String what,
                                                     java.util.function.Predicate<DaemonStatus.CuffStatus> p) {
        await(what, () -> d.status() != null && p.test(d.status().cuff()), () -> d.status() == null ? "no status"
                : d.status().cuff().toString());
        return d.status().cuff();
    }

    private static void await(String what, BooleanSupplier cond) {
        await(what, cond, () -> "");
    }

    /** Polls a condition every 20 ms until it holds; fails after 10 s. */
    private static void await(String what, BooleanSupplier cond, Supplier<String> state) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("not within 10 s: " + what + "; last: " + state.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    /** @return the night ids of the test's run (an event's night is its time's, UTC here) */
    private static Set<String> nightsAround() {
        Set<String> ids = new LinkedHashSet<>();
        Instant now = Instant.now();
        ids.add(NightIds.of(now.minusSeconds(120), ZoneOffset.UTC));
        ids.add(NightIds.of(now, ZoneOffset.UTC));
        return ids;
    }

    /** The cuff's stored events of one kind, from the nights around now. */
    private static List<DeviceEvent> storedCuffEvents(Path db, DeviceEventKind kind) {
        try (LocalStore store = LocalStore.open(db, org.plmmonitor.monitor.store.StoreConfig.defaults(), Clock.systemUTC())) {
            return cuffEvents(store, nightsAround()).stream().filter(e -> e.kind() == kind).toList();
        }
    }

    private static List<DeviceEvent> cuffEvents(LocalStore store, Set<String> nights) {
        List<DeviceEvent> out = new ArrayList<>();
        for (String n : nights) {
            store.deviceEvents(n).stream().filter(e -> e.device().equals(CuffMonitor.DEVICE)).forEach(out::add);
        }
        return out;
    }

    private static List<CuffAction> cuffActions(LocalStore store, Set<String> nights) {
        List<CuffAction> out = new ArrayList<>();
        for (String n : nights) {
            out.addAll(store.cuffActions(n));
        }
        return out;
    }

    private static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (java.io.IOException e) {
            return ""; // replaced while read: the next poll reads the new one
        }
    }

    private static String cliStatus(Path data, boolean json) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = PlmCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = json ? cl.execute("status", "--dir", data.toString(), "--json")
                : cl.execute("status", "--dir", data.toString());
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    /** A socat pty pair: {@code dev} for the simulated device, {@code host} for the daemon. */
    private Pty pty() throws Exception {
        boolean socat = false;
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            socat |= Files.isExecutable(Path.of(p, "socat"));
        }
        Assumptions.assumeTrue(socat, "socat is not installed (./test.sh installs it)");
        Pty p = new Pty(dir.resolve("dev"), dir.resolve("host"));
        toClose.add(p);
        return p;
    }

    private static final class Pty implements AutoCloseable {
        final Path dev;
        final Path host;
        private Process process;

        Pty(Path dev, Path host) throws Exception {
            this.dev = dev;
            this.host = host;
            process = new ProcessBuilder(List.of("socat", "pty,raw,echo=0,link=" + dev, "pty,raw,echo=0,link=" + host))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
            await("socat's links", () -> Files.exists(dev) && Files.exists(host));
        }

        /** Kills socat: both ptys vanish, as on an unplug. */
        void kill() throws InterruptedException {
            if (process != null) {
                process.destroy();
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
                }
                process = null;
            }
        }

        @Override
        public void close() throws InterruptedException {
            kill();
        }
    }
}
