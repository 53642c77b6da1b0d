package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.monitor.config.CuffConfig;
import org.plmmonitor.monitor.config.CuffTherapy;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.TrialConfig;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.cuff.SessionOutcome;
import org.plmmonitor.monitor.store.CuffAction;
import org.plmmonitor.monitor.store.CuffCommand;
import org.plmmonitor.monitor.store.CuffOutcome;
import org.plmmonitor.monitor.store.CuffSession;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightIds;
import org.plmmonitor.monitor.store.StoreConfig;
import org.plmmonitor.monitor.trial.TrialSchedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
 * The daemon follows the trial's schedule against the C firmware's virtual controller over a socat pty: it records
 * the schedule at start, and on a sham night its scheduled session inflates to the sham pressure (2.5 mmHg, about
 * 3.4 cmH2O), which the controller accepts and holds; on a night without the cuff nothing is sent. Skipped unless
 * {@code make -C firmware-bridge/firmware host} has built the controller and socat is installed.
 */
class TrialDaemonTest {
    private static final Path BINARY = Path.of("..", "firmware-bridge", "firmware", "build", "host", "plm-controller");

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void aShamNightInflatesToTheShamPressureAndANightWithoutTheCuffSendsNothing() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "the firmware's host build is missing: run "
                + "`make -C firmware-bridge/firmware host` to build " + BINARY.toAbsolutePath());
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/socat")), "socat is not installed");
        Path dev = dir.resolve("dev");
        Path host = dir.resolve("host");
        Process socat = new ProcessBuilder(List.of("socat", "pty,raw,echo=0,link=" + dev, "pty,raw,echo=0,link=" + host))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        Process fw = null;
        try {
            await("socat's links", () -> Files.exists(dev) && Files.exists(host));
            fw = new ProcessBuilder(BINARY.toString(), "--pty", dev.toString(), "--movements-per-min", "0")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("fw.log").toFile()).start();
            // The wall clock 12.5 s before a symptom onset (as CuffPolicyDaemonTest): the one-minute window is open.
            Instant onset = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(3, ChronoUnit.MINUTES);
            Clock wall = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), onset.minusMillis(12_500)));
            LocalDate tonight = LocalDate.parse(NightIds.of(wall.instant(), ZoneOffset.UTC));
            CuffTherapy t = new CuffTherapy(CuffTherapy.Policy.SCHEDULED, Set.of(), 29, 1, 5, 1,
                    Optional.of(LocalTime.ofInstant(onset, ZoneOffset.UTC)), CuffTherapy.Trigger.SERIES, 4, 5,
                    Optional.empty(), 60, 2);
            TrialConfig sham = firstNight(TrialConfig.Arm.SHAM, tonight);
            List<CuffAction> sent = run(t, sham, host, wall, onset, "sham");
            assertFalse(sent.isEmpty());
            assertTrue(sent.stream().allMatch(a -> a.targetMmHg() == TrialConfig.SHAM_MMHG && a.outcome() == CuffOutcome.DONE),
                    "every INFLATE at 2.5 mmHg, acknowledged by the firmware: " + sent);
            try (LocalStore store = LocalStore.open(dir.resolve("sham/plm.db"), StoreConfig.defaults(), Clock.systemUTC())) {
                assertEquals(sham, store.trial().orElseThrow().config(), "the schedule recorded at start");
                CuffSession s = store.cuffSessions(tonight.toString()).get(0);
                assertEquals(SessionOutcome.COMPLETED, s.outcome());
                assertTrue(s.maxPressureMmHg() > 1.5 && s.maxPressureMmHg() < 4, "held at about 2.5 mmHg: " + s);
            }

            Clock later = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), onset.plusSeconds(120).minusMillis(12_500)));
            Instant onset2 = onset.plusSeconds(120);
            CuffTherapy t2 = new CuffTherapy(CuffTherapy.Policy.SCHEDULED, Set.of(), 29, 1, 5, 1,
                    Optional.of(LocalTime.ofInstant(onset2, ZoneOffset.UTC)), CuffTherapy.Trigger.SERIES, 4, 5,
                    Optional.empty(), 60, 2);
            LocalDate night2 = LocalDate.parse(NightIds.of(later.instant(), ZoneOffset.UTC));
            assertEquals(List.of(), run(t2, firstNight(TrialConfig.Arm.NONE, night2), host, later, onset2, "none"),
                    "a night without the cuff: no INFLATE");
        } finally {
            for (Process p : new Process[] {fw, socat}) {
                if (p != null) {
                    p.destroy();
                    if (!p.waitFor(3, TimeUnit.SECONDS)) {
                        p.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
                    }
                }
            }
        }
    }

    /** A trial of 4-night blocks from {@code night} whose first night is {@code arm} (the first such seed). */
    private static TrialConfig firstNight(TrialConfig.Arm arm, LocalDate night) {
        for (long seed = 1; ; seed++) {
            TrialConfig c = new TrialConfig(arm, 4, 8, seed, night);
            if (TrialSchedule.draw(c, CuffTherapy.Policy.SCHEDULED, 29).nights().get(0).arm() == arm) {
                return c;
            }
        }
    }

    /** Runs the daemon (cuff only, store in {@code dir/name}) until the onset has passed; returns its INFLATEs. */
    private List<CuffAction> run(CuffTherapy t, TrialConfig trial, Path host, Clock wall, Instant onset, String name)
            throws Exception {
        Path db = dir.resolve(name).resolve("plm.db");
        MonitorConfig cfg = MonitorConfig.builder().web(WebConfig.OFF).cuff(new CuffConfig(CuffConfig.Link.SERIAL, Optional.of(host), 115200, 35,
                        Duration.ofSeconds(20), t, Optional.of(trial))).store(StoreConfig.builder().path(db).build())
                .timeZone(ZoneOffset.UTC).build();
        MonitorDaemon d = new MonitorDaemon(cfg, DaemonOptions.builder().statusInterval(Duration.ofMillis(100)).build(),
                wall, System::nanoTime, x -> true, bus -> {
                    throw new AssertionError("no bus");
                }, CuffLinkOpener.CONFIGURED);
        Future<List<ClosedNight>> f = pool.submit(d::run);
        await("the status showing tonight's arm", () -> d.status() != null
                && d.status().cuff().therapy().trialArm() == TrialSchedule.draw(trial, t.policy(), 29).nights().get(0).arm());
        await("the onset passed with the cuff idle", () -> wall.instant().isAfter(onset.plusSeconds(1)) && d.status() != null
                && d.status().cuff().state() == CuffLinkState.IDLE);
        d.stop();
        f.get(10, TimeUnit.SECONDS);
        try (LocalStore store = LocalStore.open(db, StoreConfig.defaults(), Clock.systemUTC())) {
            String night = NightIds.of(onset.minusSeconds(1), ZoneOffset.UTC);
            return store.cuffActions(night).stream().filter(a -> a.command() == CuffCommand.INFLATE).toList();
        }
    }

    private static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("not within 40 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
