package org.plmmonitor.monitor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.score.ScoringStandard;
import org.plmmonitor.monitor.store.DiaryStore;
import org.plmmonitor.monitor.store.LocalStore;
import org.plmmonitor.monitor.store.NightRecord;
import org.plmmonitor.monitor.store.StoreConfig;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plm diary} against a real store in a temporary data directory. */
class DiaryCommandTest {
    @TempDir
    Path dir;


    private static PlmRun plm(String... args) {
        return PlmRun.of(args);
    }

    private static final String SHEET = String.join("\n",
            "date,caffeine_last,alcohol_units,nicotine,medicines,medicines_other,rls_medicines,exercise_min,exercise_time,"
                    + "massage,compression,contrast_shower,iron_mg,iron_time,bedtime,symptom_onset,get_up,symptom_rating",
            "2026-11-01,15:30,2,no,none,,pramipexole:0.25 mg@21:00,30,18:00,yes,no,no,65,08:00,23:00,21:00,07:00,6",
            "2026-11-02,none,0,no,mirtazapine,\"paracetamol, 1 g\",none,0,,no,no,yes,0,,22:45,,06:45,3",
            "2026-11-03,,,,,,,,,,,,,,,,,",
            "");

    @Test
    void importThenExportGivesTheSameFileAndAnImportOfItAgainChangesNothing() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path csv = Files.writeString(dir.resolve("sheet.csv"), SHEET);
        PlmRun r = plm("diary", "import", "--dir", data.toString(), csv.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 evenings (3 new, 0 replaced, 0 amended"), r.out());
        PlmRun e = plm("diary", "export", "--dir", data.toString());
        assertEquals(0, e.code(), e.err());
        assertEquals(SHEET, e.out());
        Path back = dir.resolve("back.csv");
        assertEquals(0, plm("diary", "export", "--dir", data.toString(), "--out", back.toString()).code());
        assertEquals(SHEET, Files.readString(back, StandardCharsets.UTF_8));
        PlmRun again = plm("diary", "import", "--dir", data.toString(), back.toString());
        assertTrue(again.out().contains("3 evenings (0 new, 0 replaced, 0 amended beside the original as their nights were "
                + "analysed already, 3 unchanged)"), again.out());
    }

    @Test
    void aBadRowIsNamedByLineAndColumnAndNothingOfTheFileIsStored() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path csv = Files.writeString(dir.resolve("sheet.csv"), SHEET.replace("22:45,,06:45,3", "22:45,,06:45,13"));
        PlmRun r = plm("diary", "import", "--dir", data.toString(), csv.toString());
        assertEquals(2, r.code());
        assertEquals("plm: " + csv + ":3: symptom_rating: 13 is outside 0-10\n", r.err());
        assertEquals("", r.out());
        try (DiaryStore d = DiaryStore.open(data.resolve("plm.db"), Clock.systemUTC())) {
            assertTrue(d.entries().isEmpty(), "line 2 was fine, yet it is not stored either");
        }
    }

    @Test
    void anImportIntoAnAnalysedEveningIsAnAmendment() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path db = data.resolve("plm.db");
        Path csv = Files.writeString(dir.resolve("sheet.csv"), SHEET);
        assertEquals(0, plm("diary", "import", "--dir", data.toString(), csv.toString()).code());
        try (LocalStore s = LocalStore.open(db, StoreConfig.builder().path(db).build(), Clock.systemUTC())) {
            s.putNight(new NightRecord("2026-11-01", 1_000L, 2_000L, ZoneId.of("UTC"), 1, 1, "0.1", "det", ScoringStandard.WASM2016));
            s.flush();
        }
        Path fix = Files.writeString(dir.resolve("fix.csv"), SHEET.replace("07:00,6", "07:00,7").replace("22:45,,06:45,3", "22:45,,06:45,4"));
        PlmRun r = plm("diary", "import", "--dir", data.toString(), fix.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("(0 new, 1 replaced, 1 amended"), r.out());
        try (DiaryStore d = DiaryStore.open(db, Clock.systemUTC())) {
            assertEquals(6, d.history(LocalDate.parse("2026-11-01")).get(0).entry().symptomRating());
            assertEquals(7, d.current(LocalDate.parse("2026-11-01")).orElseThrow().entry().symptomRating());
            assertEquals(1, d.history(LocalDate.parse("2026-11-02")).size());
        }
    }

    @Test
    void bloodTestsAreRecordedExportedAndReadBack() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        assertEquals(0, plm("diary", "lab", "--dir", data.toString(), "--date", "2026-10-01", "--ferritin", "42", "--tsat", "17.5").code());
        assertEquals(0, plm("diary", "lab", "--dir", data.toString(), "--date", "2026-12-01", "--ferritin", "88").code());
        PlmRun e = plm("diary", "export", "--lab", "--dir", data.toString());
        assertEquals("date,ferritin_ng_ml,tsat_pct\n2026-10-01,42,17.5\n2026-12-01,88,\n", e.out());
        Path other = Files.createDirectories(dir.resolve("other"));
        Path f = Files.writeString(dir.resolve("lab.csv"), e.out());
        assertEquals(0, plm("diary", "import", "--dir", other.toString(), f.toString()).code());
        assertEquals(e.out(), plm("diary", "export", "--lab", "--dir", other.toString()).out());
        PlmRun bad = plm("diary", "lab", "--dir", data.toString(), "--date", "2026-12-02");
        assertEquals(2, bad.code());
        assertEquals("plm: --ferritin/--tsat: ferritin_ng_ml, tsat_pct: a result needs ferritin or TSAT\n", bad.err());
    }

    @Test
    void aMistypedDataDirectoryIsRefusedRatherThanStartingANewStore() {
        PlmRun r = plm("diary", "export", "--dir", dir.resolve("nope").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no such data directory"), r.err());
        assertTrue(!Files.exists(dir.resolve("nope")));
    }
}
