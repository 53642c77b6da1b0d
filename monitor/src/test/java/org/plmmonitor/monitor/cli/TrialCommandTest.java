package org.plmmonitor.monitor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.monitor.config.ConfigException;
import org.plmmonitor.monitor.config.CuffTherapy;
import org.plmmonitor.monitor.config.TrialConfig;
import org.plmmonitor.monitor.cuff.SessionOutcome;
import org.plmmonitor.monitor.cuff.SessionTrigger;
import org.plmmonitor.monitor.store.CuffAction;
import org.plmmonitor.monitor.store.CuffCommand;
import org.plmmonitor.monitor.store.CuffOutcome;
import org.plmmonitor.monitor.store.CuffSession;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightRecord;
import org.plmmonitor.monitor.store.StoreConfig;
import org.plmmonitor.monitor.trial.ScheduledNight;
import org.plmmonitor.monitor.trial.TrialBook;
import org.plmmonitor.monitor.trial.TrialSchedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The n-of-1 trial from the store: the schedule recorded once and kept (a changed seed after the first night is
 * refused by the daemon at start, exit 2, naming the key; the schedule stays), and {@code plm trial} on stored
 * nights: "cannot tell yet" below three usable nights an arm, a deviating night listed and left out, then the
 * comparison.
 */
class TrialCommandTest {
    private static final LocalDate START = LocalDate.of(2026, 12, 8);

    @TempDir
    Path dir;

    private static TrialSchedule trial(long seed) {
        return TrialSchedule.draw(new TrialConfig(TrialConfig.Arm.NONE, 4, 12, seed, START), CuffTherapy.Policy.SCHEDULED, 29);
    }


    private static PlmRun plm(String... args) {
        return PlmRun.of(args);
    }

    private LocalStore store() {
        return LocalStore.open(dir.resolve("plm.db"), StoreConfig.builder().path(dir.resolve("plm.db")).build(),
                Clock.systemUTC());
    }

    /** A closed night with its JSON report, and what the daemon sent on it. */
    private void night(LocalStore store, ScheduledNight n, double plmPerH, boolean deviate) throws Exception {
        String id = n.night().toString();
        long start = n.night().atTime(22, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        store.putNight(new NightRecord(id, start, start + 8 * 3_600_000L, ZoneOffset.UTC, 7 * 3600, 8 * 3600, "test", "det-1",
                ScoringStandard.WASM2016));
        Files.createDirectories(dir.resolve("nights"));
        Files.writeString(dir.resolve("nights").resolve(id + ".json"), String.format(Locale.ROOT,
                "{\"summary\": {\"analysable_s\": %d, \"plm_per_h\": %.3f}}%n", 7 * 3600, plmPerH));
        boolean cuff = n.arm() == TrialConfig.Arm.CUFF;
        if (cuff || deviate) {
            long s = start - 3_600_000L;
            store.putCuffAction(new CuffAction(id, s, CuffCommand.INFLATE, 29, 5, CuffOutcome.DONE));
            store.putCuffSession(new CuffSession(id, s, s + 3_600_000L, SessionTrigger.SCHEDULED, 60, 29.3,
                    SessionOutcome.COMPLETED));
        }
    }

    @Test
    void theScheduleIsKeptAndPlmTrialKeepsToIt() throws Exception {
        TrialSchedule t = trial(7);
        Random r = new Random(3);
        try (LocalStore store = store()) {
            assertEquals(t, TrialBook.settle(store, t));
            // Before any night a changed trial replaces the recorded one; after the first night it is refused.
            assertEquals(trial(9), TrialBook.settle(store, trial(9)));
            assertEquals(t, TrialBook.settle(store, t));
            for (int i = 0; i < 6; i++) {
                ScheduledNight n = t.nights().get(i);
                // Night 2 of the control arm got an INFLATE all the same.
                boolean deviate = i == firstControl(t);
                night(store, n, (n.arm() == TrialConfig.Arm.CUFF ? 10 : 20) + r.nextGaussian(), deviate);
            }
            store.flush();
            ConfigException e = assertThrows(ConfigException.class, () -> TrialBook.settle(store, trial(8)));
            assertEquals(dir.resolve("plm.db") + ": key 'cuff.trial_seed': 8 differs from the recorded trial's 7 "
                    + "(seed 7, cuff/none, blocks of 4, 12 nights from 2026-12-08, scheduled policy at 29.0 mmHg), whose night "
                    + "2026-12-08 is stored: a trial's schedule is never changed once it has begun; restore the recorded "
                    + "setting, or start a new trial in a new store", e.getMessage());
            assertEquals(t, store.trial().orElseThrow(), "the recorded schedule stays");
        }

        PlmRun early = plm("trial", "--dir", dir.toString());
        assertEquals(0, early.code(), early.err());
        assertTrue(early.out().startsWith("n-of-1 trial: seed 7, cuff/none, blocks of 4, 12 nights from 2026-12-08"), early.out());
        String dev = t.nights().get(firstControl(t)).night() + "  block " + t.nights().get(firstControl(t)).block()
                + "  without the cuff";
        assertTrue(early.out().contains(dev), early.out());
        assertTrue(early.out().contains("did not follow the schedule: 1 INFLATE sent on a night without the cuff"), early.out());
        long cuffNights = t.nights().subList(0, 6).stream().filter(n -> n.arm() == TrialConfig.Arm.CUFF).count();
        assertTrue(early.out().contains("Cannot tell yet: " + (6 - cuffNights - 1) + " usable nights without the cuff and "
                + cuffNights + " with the cuff; at least 3 on each side are needed"), early.out());
        assertTrue(early.out().contains("6 scheduled night(s) not in the store (yet)."), early.out());

        try (LocalStore store = store()) {
            for (int i = 6; i < 12; i++) {
                ScheduledNight n = t.nights().get(i);
                night(store, n, (n.arm() == TrialConfig.Arm.CUFF ? 10 : 20) + r.nextGaussian(), false);
            }
            store.flush();
        }
        PlmRun done = plm("trial", "--dir", dir.toString());
        assertEquals(0, done.code(), done.err());
        assertTrue(done.out().contains("PLM per hour in bed: median "), done.out());
        assertTrue(done.out().contains(" over 5 nights without the cuff, ") && done.out().contains(" over 6 nights with the cuff."),
                done.out());
        assertTrue(done.out().contains("sides exchanged only within the 3 randomisation blocks"), done.out());
        assertTrue(done.out().contains("1 night did not follow the schedule: left out, not moved to the other arm."), done.out());
    }

    private static int firstControl(TrialSchedule t) {
        for (int i = 0; i < 6; i++) {
            if (t.nights().get(i).arm() == TrialConfig.Arm.NONE) {
                return i;
            }
        }
        throw new AssertionError("no control night in the first six");
    }

    @Test
    void theDaemonRefusesAChangedTrialAfterItsFirstNightAndPlmTrialNeedsOne() throws Exception {
        Path conf = dir.resolve("plm.conf");
        String common = "cuff.type = simulator\ncuff.policy = scheduled\ncuff.symptom_onset = 22:00\ncuff.trial = on\n"
                + "cuff.trial_block_nights = 4\ncuff.trial_nights = 12\ncuff.trial_start = 2026-12-08\nweb.enabled = false\n"
                + "store.path = " + dir.resolve("plm.db") + "\n";
        Files.writeString(conf, common + "cuff.trial_seed = 8\n");
        PlmRun none = plm("trial", "--config", conf.toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("no store here"), none.err());
        try (LocalStore store = store()) {
            TrialBook.settle(store, trial(7));
            store.putNight(new NightRecord("2026-12-09", 0, 1L, ZoneOffset.UTC, 0, 0, "t", "d", ScoringStandard.WASM2016));
            store.flush();
        }
        PlmRun refused = plm("monitor", "--config", conf.toString(), "--once");
        assertEquals(2, refused.code(), refused.out() + refused.err());
        assertTrue(refused.err().contains("key 'cuff.trial_seed': 8 differs from the recorded trial's 7"), refused.err());
        try (LocalStore store = store()) {
            assertEquals(trial(7), store.trial().orElseThrow());
        }
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        try (LocalStore store = LocalStore.open(empty.resolve("plm.db"), StoreConfig.builder().path(empty.resolve("plm.db")).build(),
                Clock.systemUTC())) {
            store.flush();
        }
        PlmRun noTrial = plm("trial", "--dir", empty.toString());
        assertEquals(2, noTrial.code());
        assertEquals("plm: " + empty.resolve("plm.db") + ": no cuff trial recorded in this store: the daemon records one when "
                + "it starts with cuff.trial = on", noTrial.err().lines().findFirst().orElse(""));
    }
}
