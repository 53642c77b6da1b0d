package org.plmmonitor.monitor.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.diary.DiaryEntry;
import org.plmmonitor.analysis.diary.KnownMedicine;
import org.plmmonitor.analysis.diary.LabResult;
import org.plmmonitor.analysis.diary.RlsMedicine;
import org.plmmonitor.analysis.score.ScoringStandard;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiaryStoreTest {
    private static final LocalDate EVENING = LocalDate.of(2026, 11, 20);
    private static final Instant T0 = Instant.parse("2026-11-20T18:00:00Z");
    @TempDir
    Path dir;

    static DiaryEntry full(LocalDate d) {
        return DiaryEntry.builder(d).caffeineLast(LocalTime.of(15, 30)).alcoholUnits(2.5).nicotine(false)
                .medicines(List.of(KnownMedicine.MIRTAZAPINE)).medicinesOther("ibuprofen 400 mg, \"as needed\"")
                .rlsMedicines(List.of(new RlsMedicine("pramipexole", "0.25 mg", LocalTime.of(21, 0))))
                .exerciseMin(30).exerciseTime(LocalTime.of(19, 0)).massage(true).compression(false).contrastShower(null)
                .ironMg(65.0).ironTime(LocalTime.of(8, 0)).bedtime(LocalTime.of(23, 15)).symptomOnset(LocalTime.of(21, 30))
                .getUp(LocalTime.of(7, 0)).symptomRating(6).build();
    }

    private void closeNight(Path db, LocalDate night) {
        try (LocalStore s = LocalStore.open(db, StoreConfig.builder().path(db).build(), Clock.systemUTC())) {
            long start = T0.plus(Duration.ofHours(4)).toEpochMilli();
            s.putNight(new NightRecord(night.toString(), start, start + 8 * 3_600_000L, ZoneId.of("Europe/Berlin"), 7 * 3600,
                    8 * 3600, "0.1", "det-1", ScoringStandard.WASM2016));
            s.flush();
        }
    }

    @Test
    void everyFieldComesBackAsWritten() {
        Path db = dir.resolve("plm.db");
        try (DiaryStore d = DiaryStore.open(db, new MutableClock(T0))) {
            DiaryEntry e = full(EVENING);
            assertEquals(DiarySave.CREATED, d.save(e));
            DiaryRevision r = d.current(EVENING).orElseThrow();
            assertEquals(e, r.entry());
            assertEquals(0, r.revision());
            assertEquals(T0, r.recorded());
            assertFalse(r.afterAnalysis());
            DiaryEntry empty = DiaryEntry.builder(EVENING.plusDays(1)).build();
            d.save(empty);
            assertEquals(empty, d.current(EVENING.plusDays(1)).orElseThrow().entry());
            assertTrue(d.current(EVENING.minusDays(1)).isEmpty());
        }
    }

    @Test
    void beforeItsNightAnEntryIsReplacedAfterItAnEditIsADatedAmendmentBesideTheOriginal() {
        Path db = dir.resolve("plm.db");
        MutableClock clock = new MutableClock(T0);
        DiaryEntry original = full(EVENING);
        DiaryEntry firstFix = original.toBuilder().alcoholUnits(3.0).build();
        try (DiaryStore d = DiaryStore.open(db, clock)) {
            d.save(original);
            clock.advance(Duration.ofMinutes(10));
            assertEquals(DiarySave.REPLACED, d.save(firstFix), "not sealed before the night is analysed");
            assertEquals(List.of(0), d.history(EVENING).stream().map(DiaryRevision::revision).toList());
            assertFalse(d.sealed(EVENING));
        }
        closeNight(db, EVENING);
        DiaryEntry amended = firstFix.toBuilder().alcoholUnits(4.0).symptomRating(8).build();
        try (DiaryStore d = DiaryStore.open(db, clock)) {
            assertTrue(d.sealed(EVENING));
            clock.advance(Duration.ofHours(20));
            assertEquals(DiarySave.UNCHANGED, d.save(firstFix), "saving the same again adds nothing");
            assertEquals(DiarySave.AMENDED, d.save(amended));
            List<DiaryRevision> h = d.history(EVENING);
            assertEquals(2, h.size());
            assertEquals(firstFix, h.get(0).entry(), "the original is kept as it was");
            assertEquals(T0.plus(Duration.ofMinutes(10)), h.get(0).recorded());
            assertEquals(amended, h.get(1).entry());
            assertTrue(h.get(1).amendment());
            assertTrue(h.get(1).afterAnalysis());
            assertEquals(T0.plus(Duration.ofMinutes(10)).plus(Duration.ofHours(20)), h.get(1).recorded(), "dated");
            assertEquals(amended, d.current(EVENING).orElseThrow().entry());
            assertEquals(List.of(amended), d.entries(EVENING, EVENING).stream().map(DiaryRevision::entry).toList());
        }
        // and not only through this class: the original row is still in the file, untouched
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT revision, alcohol_units, symptom_rating FROM diary ORDER BY revision")) {
            assertTrue(rs.next());
            assertEquals("3", rs.getString(2));
            assertEquals("6", rs.getString(3));
            assertTrue(rs.next());
            assertEquals("4", rs.getString(2));
            assertEquals("8", rs.getString(3));
            assertFalse(rs.next());
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anEntryFirstWrittenAfterItsNightIsSealedAtOnce() {
        Path db = dir.resolve("plm.db");
        closeNight(db, EVENING);
        try (DiaryStore d = DiaryStore.open(db, new MutableClock(T0))) {
            assertEquals(DiarySave.CREATED, d.save(full(EVENING)));
            assertTrue(d.current(EVENING).orElseThrow().afterAnalysis());
            assertEquals(DiarySave.AMENDED, d.save(full(EVENING).toBuilder().massage(false).build()));
            assertEquals(2, d.history(EVENING).size());
        }
    }

    @Test
    void aSaveOfManyIsAllOrNothing() {
        Path db = dir.resolve("plm.db");
        try (DiaryStore d = DiaryStore.open(db, new MutableClock(T0))) {
            d.save(full(EVENING));
            assertThrows(IllegalArgumentException.class, () -> d.saveAll(List.of(full(EVENING.plusDays(1)),
                    full(EVENING.plusDays(1)).toBuilder().nicotine(true).build())));
            assertEquals(1, d.entries().size(), "nothing of the refused save is stored");
            List<DiarySave> done = d.saveAll(List.of(full(EVENING), full(EVENING.plusDays(1)), full(EVENING.plusDays(2))));
            assertEquals(List.of(DiarySave.UNCHANGED, DiarySave.CREATED, DiarySave.CREATED), done);
            assertEquals(3, d.entries().size());
        }
    }

    @Test
    void labResultsAreKeptByDateAndGoWithDeleteAll() {
        Path db = dir.resolve("plm.db");
        try (DiaryStore d = DiaryStore.open(db, new MutableClock(T0))) {
            d.saveLabs(List.of(new LabResult(EVENING, 48.0, 17.5), new LabResult(EVENING.plusDays(60), 92.0, null)));
            d.saveLab(new LabResult(EVENING, 50.0, 18.0));
            assertEquals(List.of(new LabResult(EVENING, 50.0, 18.0), new LabResult(EVENING.plusDays(60), 92.0, null)),
                    d.labResults());
            assertEquals(1, d.labResults(EVENING.plusDays(1), EVENING.plusDays(90)).size());
            d.save(full(EVENING));
        }
        try (LocalStore s = LocalStore.open(db, StoreConfig.builder().path(db).build(), Clock.systemUTC())) {
            s.deleteAll();
        }
        try (DiaryStore d = DiaryStore.open(db, new MutableClock(T0))) {
            assertTrue(d.labResults().isEmpty());
            assertTrue(d.entries().isEmpty());
        }
    }
}
