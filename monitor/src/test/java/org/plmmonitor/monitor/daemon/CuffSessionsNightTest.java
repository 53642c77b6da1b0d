package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.report.JsonReader;
import org.plmmonitor.analysis.report.html.CuffBand;
import org.plmmonitor.analysis.report.html.MorningReport;
import org.plmmonitor.analysis.report.html.NightView;
import org.plmmonitor.monitor.config.CuffConfig;
import org.plmmonitor.monitor.config.CuffTherapy;
import org.plmmonitor.monitor.config.MonitorConfig;
import org.plmmonitor.monitor.config.SensorConfig;
import org.plmmonitor.monitor.config.WebConfig;
import org.plmmonitor.monitor.cuff.SessionOutcome;
import org.plmmonitor.monitor.cuff.SessionState;
import org.plmmonitor.monitor.cuff.SessionTrigger;
import org.plmmonitor.monitor.report.StoredNightReport;
import org.plmmonitor.monitor.store.CuffCommand;
import org.plmmonitor.monitor.store.CuffSession;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.StoreConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A cuff therapy session reaches the night's record: the daemon (a simulated sensor night, the in-process
 * simulated controller, closed-loop) runs a session, {@code plm cuff stop} ends it, and at the night's close the
 * session is a {@code cuff_sessions} row, an entry of the night JSON's {@code cuff_sessions[]} with the same
 * facts, and a band on the morning report's timeline.
 */
class CuffSessionsNightTest {
    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void aStoppedSessionIsInTheNightsJsonAndOnItsTimeline() throws Exception {
        // The wall clock reads 23:00 UTC today, inside the default 21:30-07:30 window: the simulated night opens at
        // 21:30 and the session, on the wall clock, falls inside it.
        Instant elevenPm = LocalDate.now(ZoneOffset.UTC).atTime(23, 0).toInstant(ZoneOffset.UTC);
        Clock wall = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), elevenPm));
        CuffTherapy t = new CuffTherapy(CuffTherapy.Policy.CLOSED_LOOP, Set.of(), 29, 5, 10, 20, Optional.empty(),
                CuffTherapy.Trigger.SERIES, 4, 5, Optional.empty(), 60, 2);
        Path db = dir.resolve("data/plm.db");
        MonitorConfig cfg = MonitorConfig.builder().web(WebConfig.OFF).sensor(Leg.LEFT, new SensorConfig.Simulator(7, 20, 25))
                .cuff(new CuffConfig(CuffConfig.Link.SIMULATOR, Optional.empty(), 115200, 35, Duration.ofSeconds(20), t))
                .store(StoreConfig.builder().path(db).build()).timeZone(ZoneOffset.UTC).build();
        MonitorDaemon d = new MonitorDaemon(cfg, DaemonOptions.builder().simulatedHours(2.0).plmPerHour(60)
                .statusInterval(Duration.ofMillis(100)).build(), wall, System::nanoTime, x -> true, bus -> {
                    throw new AssertionError("no bus");
                }, (c, shared) -> CuffLink.inProcess(CuffLink::simulatedController));
        Future<List<ClosedNight>> run = pool.submit(d::run);
        await("a cycle holding", () -> d.status() != null && d.status().cuff().state() == CuffLinkState.HOLDING);
        Path data = db.getParent();
        CuffControl.requestStop(data);
        await("the stop taken and the cuff idle", () -> !Files.exists(data.resolve(CuffControl.FILE))
                && d.status().cuff().state() == CuffLinkState.IDLE);
        // Stopped by a person: no other session tonight, one counted, the status file says so.
        await("the status showing the ended session", () -> d.status().cuff().therapy().session() == SessionState.ENDED_FOR_NIGHT);
        TherapyStatus therapy = d.status().cuff().therapy();
        assertEquals(new TherapyStatus("closed-loop", SessionState.ENDED_FOR_NIGHT, 1, null, List.of(), null), therapy);
        await("status.json showing it", () -> read(data.resolve(StatusFile.JSON)).contains("\"therapy\": {\"policy\": "
                + "\"closed-loop\", \"session\": \"ended_for_night\", \"sessions_tonight\": 1, \"next_allowed_utc\": null"));
        d.stop();
        List<ClosedNight> closed = run.get(20, TimeUnit.SECONDS);
        assertEquals(1, closed.size());
        ClosedNight night = closed.get(0);

        CuffSession stored;
        long inflates;
        try (LocalStore store = LocalStore.open(db, StoreConfig.defaults(), Clock.systemUTC())) {
            List<CuffSession> sessions = store.cuffSessions(night.nightId());
            assertEquals(1, sessions.size(), sessions.toString());
            stored = sessions.get(0);
            inflates = store.cuffActions(night.nightId()).stream().filter(a -> a.command() == CuffCommand.INFLATE).count();
            NightView view = StoredNightReport.load(store, data, night.nightId());
            CuffBand band = view.cuffSessions().get(0);
            assertEquals(1, view.cuffSessions().size());
            assertEquals((stored.startUtcMs() - view.start().toEpochMilli()) / 1000.0, band.span().startS(), 0.002);
            assertEquals(stored.durationS(), band.span().endS() - band.span().startS(), 0.002);
            assertTrue(MorningReport.document(view).contains("<rect class=\"cuff\" data-outcome=\"stopped\""));
        }
        assertEquals(SessionTrigger.SERIES, stored.trigger());
        assertEquals(SessionOutcome.STOPPED, stored.outcome());
        assertTrue(inflates >= 1);
        assertEquals(inflates, stored.cycles());
        assertTrue(stored.maxPressureMmHg() > 20 && stored.maxPressureMmHg() < 35, "a hold at about 29 mmHg: " + stored);

        Map<?, ?> json = (Map<?, ?>) JsonReader.parse(Files.readString(night.report()));
        List<?> entries = (List<?>) json.get("cuff_sessions");
        assertEquals(1, entries.size());
        Map<?, ?> e = (Map<?, ?>) entries.get(0);
        assertEquals("series", e.get("trigger"));
        assertEquals("stopped", e.get("outcome"));
        assertEquals((double) stored.cycles(), e.get("cycles"));
        assertEquals(stored.maxPressureMmHg(), (Double) e.get("max_pressure_mmhg"), 0.05);
        assertEquals(stored.durationS(), (Double) e.get("end_s") - (Double) e.get("start_s"), 0.002);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (java.io.IOException e) {
            return ""; // not written yet, or being replaced
        }
    }

    private static void await(String what, BooleanSupplier cond) {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("not within 60 s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }
}
