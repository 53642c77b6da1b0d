package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.monitor.cli.PlmCommand;
import org.plmmonitor.monitor.config.CuffConfig;
import org.plmmonitor.monitor.config.CuffTherapy;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.store.CuffAction;
import org.plmmonitor.monitor.store.CuffCommand;
import org.plmmonitor.monitor.store.CuffOutcome;
import org.plmmonitor.monitor.store.DeviceEvent;
import org.plmmonitor.monitor.store.DeviceEventKind;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightIds;
import org.plmmonitor.monitor.store.StoreConfig;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The cuff therapy policies at work in the daemon, against the in-process simulated controller (opened as
 * {@code cuff.type = simulator} opens it, through an injected {@link CuffLinkOpener}): a scheduled session
 * runs its cycles and ends at the symptom onset; a closed-loop session starts on a simulated night's PLM
 * series; {@code plm cuff stop} vents and ends it. What the daemon did is read back from its store.
 */
class CuffPolicyDaemonTest {
    private static final int CEILING_MMHG = 35;

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void theScheduledSessionRunsItsCyclesAndEndsAtTheSymptomOnset() throws Exception {
        scheduledSession(t -> cuff(t), (c, shared) -> CuffLink.inProcess(CuffLink::simulatedController));
    }

    /**
     * The same against the C firmware's virtual controller ({@code make -C firmware-bridge/firmware host}) over a
     * socat pty pair, the daemon reaching it as {@code cuff.type = serial}; skipped where either is missing.
     */
    @Test
    void theScheduledSessionRunsAgainstTheFirmwaresVirtualController() throws Exception {
        onFirmware(host -> scheduledSession(t -> serialCuff(host, t), CuffLinkOpener.CONFIGURED));
    }

    @Test
    void aClosedLoopSessionAndPlmCuffStopAgainstTheFirmwaresVirtualController() throws Exception {
        onFirmware(host -> closedLoopSession(t -> serialCuff(host, t), CuffLinkOpener.CONFIGURED));
    }

    private static CuffConfig serialCuff(Path host, CuffTherapy t) {
        return new CuffConfig(CuffConfig.Link.SERIAL, Optional.of(host), 115200, CEILING_MMHG, Duration.ofSeconds(20), t);
    }

    /** A step that needs the daemon's end of a pty whose other end the firmware's virtual controller holds. */
    private interface OnPty {
        void run(Path host) throws Exception;
    }

    /**
     * Runs {@code body} against the C firmware's virtual controller ({@code make -C firmware-bridge/firmware host})
     * over a socat pty pair, the daemon reaching it as {@code cuff.type = serial}; skipped where either is missing.
     */
    private void onFirmware(OnPty body) throws Exception {
        Path binary = Path.of("..", "firmware-bridge", "firmware", "build", "host", "plm-controller");
        Assumptions.assumeTrue(Files.isExecutable(binary), "the firmware's host build is missing: run "
                + "`make -C firmware-bridge/firmware host` to build " + binary.toAbsolutePath());
        Assumptions.assumeTrue(onPath("socat"), "socat is not installed (./test.sh installs it)");
        Path dev = dir.resolve("dev");
        Path host = dir.resolve("host");
        Process socat = new ProcessBuilder(List.of("socat", "pty,raw,echo=0,link=" + dev, "pty,raw,echo=0,link=" + host))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        Process fw = null;
        try {
            await("socat's links", Duration.ofSeconds(10), () -> Files.exists(dev) && Files.exists(host));
            fw = new ProcessBuilder(binary.toString(), "--pty", dev.toString(), "--movements-per-min", "0")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("fw.log").toFile()).start();
            body.run(host);
        } finally {
            for (Process p : new Process[]{fw, socat}) {
                if (p != null) {
                    p.destroy();
                    if (!p.waitFor(3, TimeUnit.SECONDS)) {
                        p.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
                    }
                }
            }
        }
    }

    private void scheduledSession(java.util.function.Function<CuffTherapy, CuffConfig> cuffOf, CuffLinkOpener opener)
            throws Exception {
        // The daemon's wall clock is the real one shifted so that the one-minute window ending at the symptom
        // onset has 12.5 s left at start: the session runs its rest in real time, cycles 5 s apart.
        Instant onset = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(3, ChronoUnit.MINUTES);
        Clock wall = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), onset.minusMillis(12_500)));
        CuffTherapy t = new CuffTherapy(CuffTherapy.Policy.SCHEDULED, Set.of(), 29, 1, 5, 1,
                Optional.of(LocalTime.ofInstant(onset, ZoneOffset.UTC)), CuffTherapy.Trigger.SERIES, 4, 5,
                Optional.empty(), 60, 2);
        Path db = dir.resolve("data/plm.db");
        MonitorConfig cfg = MonitorConfig.builder().web(WebConfig.OFF).cuff(cuffOf.apply(t)).store(StoreConfig.builder().path(db).build())
                .timeZone(ZoneOffset.UTC).build();
        MonitorDaemon d = daemon(cfg, wall, opener);
        Future<List<ClosedNight>> run = pool.submit(d::run);
        await("the symptom onset passed and the cuff is idle", Duration.ofSeconds(30),
                () -> wall.instant().isAfter(onset.plusSeconds(1)) && d.status() != null
                        && d.status().cuff().state() == CuffLinkState.IDLE);
        d.stop();
        run.get(10, TimeUnit.SECONDS);

        try (LocalStore store = LocalStore.open(db, StoreConfig.defaults(), Clock.systemUTC())) {
            Set<String> nights = nightsAround(onset);
            DeviceEvent started = only(events(store, nights, DeviceEventKind.SESSION_STARTED));
            assertEquals("trigger=scheduled", started.detail());
            long startMs = started.timeUtcMs();
            assertTrue(startMs >= onset.toEpochMilli() - 12_500 && startMs < onset.toEpochMilli(), "inside the window");
            // Cycles every 5 s from the start while before the onset.
            int expected = (int) ((onset.toEpochMilli() - startMs + 4_999) / 5_000);
            List<CuffAction> inflates = actions(store, nights, CuffCommand.INFLATE);
            assertEquals(expected, inflates.size(), inflates.toString());
            // As doubles: assertEquals(long, long, int) would pick the float overload, whose step at epoch
            // milliseconds is 131 s, so a 1-s tolerance became a coin toss on where the floats round.
            for (int i = 0; i < inflates.size(); i++) {
                CuffAction a = inflates.get(i);
                assertEquals(CuffOutcome.DONE, a.outcome(), "the controller acknowledged " + a);
                assertEquals(29, a.targetMmHg(), 1e-9);
                assertEquals(1, a.durationS(), 1e-9);
                assertEquals((double) (startMs + i * 5_000L), (double) a.timeUtcMs(), 1_000, "cycle " + i + " on its 5 s grid");
            }
            DeviceEvent ended = only(events(store, nights, DeviceEventKind.SESSION_ENDED));
            assertTrue(ended.detail().startsWith("outcome=completed cycles=" + expected + " max_pressure_mmhg="),
                    ended.detail());
            double maxMmHg = Double.parseDouble(ended.detail().replaceAll(".*max_pressure_mmhg=([0-9.]+).*", "$1"));
            assertTrue(maxMmHg > 20 && maxMmHg < CEILING_MMHG, "the cycles reached about 29 mmHg: " + maxMmHg);
            assertTrue(ended.timeUtcMs() >= onset.toEpochMilli(), "ended at the onset");
            List<CuffAction> vents = actions(store, nights, CuffCommand.VENT);
            assertEquals(1, vents.size(), "the session's end vents once: " + vents);
            assertEquals(CuffOutcome.DONE, vents.get(0).outcome());
        }
    }

    @Test
    void aClosedLoopSessionStartsOnASimulatedSeriesAndPlmCuffStopVentsIt() throws Exception {
        closedLoopSession(t -> cuff(t), (c, shared) -> CuffLink.inProcess(CuffLink::simulatedController));
    }

    private void closedLoopSession(java.util.function.Function<CuffTherapy, CuffConfig> cuffOf, CuffLinkOpener opener)
            throws Exception {
        CuffTherapy t = new CuffTherapy(CuffTherapy.Policy.CLOSED_LOOP, Set.of(), 29, 5, 10, 20, Optional.empty(),
                CuffTherapy.Trigger.SERIES, 4, 5, Optional.empty(), 60, 2);
        Path db = dir.resolve("data/plm.db");
        // A simulated left sensor, 20 times real time, on a night with many periodic movements.
        MonitorConfig cfg = MonitorConfig.builder().web(WebConfig.OFF).sensor(Leg.LEFT, new SensorConfig.Simulator(7, 20, 25)).cuff(cuffOf.apply(t))
                .store(StoreConfig.builder().path(db).build()).timeZone(ZoneOffset.UTC).build();
        MonitorDaemon d = new MonitorDaemon(cfg, DaemonOptions.builder().simulatedHours(2.0).plmPerHour(60)
                .statusInterval(Duration.ofMillis(100)).build(), Clock.systemUTC(), System::nanoTime, x -> true, bus -> {
                    throw new AssertionError("no bus");
                }, opener);
        Future<List<ClosedNight>> run = pool.submit(d::run);
        await("the cuff inflating for a session", Duration.ofSeconds(60), () -> d.status() != null
                && (d.status().cuff().state() == CuffLinkState.INFLATING || d.status().cuff().state() == CuffLinkState.HOLDING));
        Instant stopAt = Instant.now();
        Path data = db.getParent();
        assertEquals(0, cli(data, "cuff", "stop"));
        await("the stop taken and the cuff idle", Duration.ofSeconds(10), () -> !Files.exists(data.resolve(CuffControl.FILE))
                && d.status().cuff().state() == CuffLinkState.IDLE);
        d.stop();
        run.get(20, TimeUnit.SECONDS);

        try (LocalStore store = LocalStore.open(db, StoreConfig.defaults(), Clock.systemUTC())) {
            Set<String> nights = new LinkedHashSet<>(nightsAround(Instant.now()));
            store.nights().forEach(n -> nights.add(n.nightId()));
            assertFalse(store.nights().stream().allMatch(n -> store.series(n.nightId(), n.detectorVersion()).isEmpty()),
                    "the simulated night has a series");
            DeviceEvent started = only(events(store, nights, DeviceEventKind.SESSION_STARTED));
            assertEquals("trigger=series", started.detail());
            List<CuffAction> inflates = actions(store, nights, CuffCommand.INFLATE);
            assertFalse(inflates.isEmpty());
            assertTrue(inflates.stream().allMatch(a -> a.outcome() == CuffOutcome.DONE && a.targetMmHg() == 29
                    && a.durationS() == 5), inflates.toString());
            DeviceEvent ended = only(events(store, nights, DeviceEventKind.SESSION_ENDED));
            assertTrue(ended.detail().startsWith("outcome=stopped cycles=" + inflates.size() + " "), ended.detail());
            assertTrue(ended.timeUtcMs() >= stopAt.toEpochMilli(), "ended by the stop");
            List<CuffAction> vents = actions(store, nights, CuffCommand.VENT);
            assertTrue(vents.stream().anyMatch(v -> v.outcome() == CuffOutcome.DONE && v.timeUtcMs() >= stopAt.toEpochMilli()),
                    "the stop vented: " + vents);
        }
    }

    // ---- helpers ----

    private static CuffConfig cuff(CuffTherapy t) {
        return new CuffConfig(CuffConfig.Link.SIMULATOR, Optional.empty(), 115200, CEILING_MMHG, Duration.ofSeconds(20), t);
    }

    private static MonitorDaemon daemon(MonitorConfig cfg, Clock wall, CuffLinkOpener opener) {
        return new MonitorDaemon(cfg, DaemonOptions.builder().statusInterval(Duration.ofMillis(100)).build(),
                wall, System::nanoTime, x -> true, bus -> {
                    throw new AssertionError("no bus");
                }, opener);
    }

    private static boolean onPath(String tool) {
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, tool))) {
                return true;
            }
        }
        return false;
    }

    private static <T> T only(List<T> l) {
        assertEquals(1, l.size(), l.toString());
        return l.get(0);
    }

    private static Set<String> nightsAround(Instant t) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(NightIds.of(t.minusSeconds(120), ZoneOffset.UTC));
        ids.add(NightIds.of(t, ZoneOffset.UTC));
        return ids;
    }

    private static List<DeviceEvent> events(LocalStore store, Set<String> nights, DeviceEventKind kind) {
        List<DeviceEvent> out = new ArrayList<>();
        for (String n : nights) {
            store.deviceEvents(n).stream().filter(e -> e.device().equals(CuffMonitor.DEVICE) && e.kind() == kind)
                    .forEach(out::add);
        }
        return out;
    }

    private static List<CuffAction> actions(LocalStore store, Set<String> nights, CuffCommand c) {
        List<CuffAction> out = new ArrayList<>();
        for (String n : nights) {
            store.cuffActions(n).stream().filter(a -> a.command() == c).forEach(out::add);
        }
        out.sort(java.util.Comparator.comparingLong(CuffAction::timeUtcMs));
        return out;
    }

    private static int cli(Path data, String... args) {
        CommandLine cl = PlmCommand.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--dir", data.toString()));
        return cl.execute(all.toArray(String[]::new));
    }

    /** Polls a condition every 20 ms until it holds; fails after {@code limit}. */
    private static void await(String what, Duration limit, BooleanSupplier cond) {
        long end = System.nanoTime() + limit.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("not within " + limit.toSeconds() + " s: " + what);
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
