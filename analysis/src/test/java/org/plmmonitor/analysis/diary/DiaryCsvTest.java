package org.plmmonitor.analysis.diary;

import org.junit.jupiter.api.Test;
import org.plmmonitor.analysis.compare.FactorValue;
import org.plmmonitor.analysis.io.InputException;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiaryCsvTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 20);

    static DiaryEntry full(LocalDate d) {
        return DiaryEntry.builder(d).caffeineLast(LocalTime.of(15, 30)).alcoholUnits(2.5).nicotine(false)
                .medicines(List.of(KnownMedicine.METOCLOPRAMIDE, KnownMedicine.SEDATING_ANTIHISTAMINE))
                .medicinesOther("ibuprofen 400 mg, \"as needed\"")
                .rlsMedicines(List.of(new RlsMedicine("pramipexole", "0.25 mg", LocalTime.of(21, 0)),
                        new RlsMedicine("gabapentin", "300 mg", LocalTime.of(20, 0))))
                .exerciseMin(30).exerciseTime(LocalTime.of(19, 0)).massage(true).compression(false).contrastShower(true)
                .ironMg(65.0).ironTime(LocalTime.of(8, 5)).bedtime(LocalTime.of(23, 15)).symptomOnset(LocalTime.of(21, 30))
                .getUp(LocalTime.of(7, 0)).symptomRating(6).build();
    }

    @Test
    void whatIsWrittenIsReadBackAsTheSameEntriesAndTheSameText() throws InputException {
        List<DiaryEntry> entries = List.of(full(D), DiaryEntry.builder(D.plusDays(1)).build(),
                DiaryEntry.builder(D.plusDays(2)).caffeineLast(null).medicines(List.of()).rlsMedicines(List.of())
                        .alcoholUnits(0.0).exerciseMin(0).ironMg(0.0).symptomRating(0).build());
        String csv = DiaryCsv.writeDiary(entries);
        DiaryCsv.Diary back = assertInstanceOf(DiaryCsv.Diary.class, DiaryCsv.read("d.csv", csv));
        assertEquals(entries, back.entries());
        assertEquals(csv, DiaryCsv.writeDiary(back.entries()));
        assertTrue(csv.contains("\"ibuprofen 400 mg, \"\"as needed\"\"\""), csv);
        assertTrue(csv.contains("sedating_antihistamine;metoclopramide"), "listed order: " + csv);
        assertTrue(csv.contains("pramipexole:0.25 mg@21:00;gabapentin:300 mg@20:00"), csv);
        assertTrue(csv.contains(",none,"), "none is written as none, not as an empty cell");
    }

    @Test
    void aSpreadsheetsFileIsReadWithColumnsInAnyOrderABomCrlfAndShortTimes() throws InputException {
        String csv = "\ufeffsymptom_rating,date,caffeine_last,nicotine\r\n7,2026-11-20,9:05,YES\r\n,2026-11-21,none,\r\n";
        DiaryCsv.Diary d = assertInstanceOf(DiaryCsv.Diary.class, DiaryCsv.read("s.csv", csv));
        assertEquals(2, d.size());
        assertEquals(LocalTime.of(9, 5), d.entries().get(0).caffeineLast());
        assertEquals(Boolean.TRUE, d.entries().get(0).nicotine());
        assertEquals(7, d.entries().get(0).symptomRating());
        assertEquals(Boolean.FALSE, d.entries().get(1).caffeine());
        assertEquals(null, d.entries().get(1).nicotine(), "an empty cell is not recorded");
    }

    @Test
    void aBadRowIsNamedByLineAndColumn() {
        String head = "date,alcohol_units,exercise_min,exercise_time,medicines,rls_medicines,symptom_rating\n";
        String ok = "2026-11-20,1,20,19:00,none,none,3\n";
        assertMessage("d.csv:3: alcohol_units: expected a number 0-50 (digits and a decimal point), got 'two'",
                head + ok + "2026-11-21,two,,,,,\n");
        assertMessage("d.csv:2: symptom_rating: 11 is outside 0-10", head + "2026-11-20,,,,,,11\n");
        assertMessage("d.csv:2: exercise_time: a time needs exercise_min above 0", head + "2026-11-20,,0,19:00,,,\n");
        assertMessage("d.csv:2: exercise_time: expected a time HH:mm (00:00-23:59), got '7pm'", head + "2026-11-20,,30,7pm,,,\n");
        assertTrue(message(head + "2026-11-20,,,,aspirin,,\n").startsWith("d.csv:2: medicines: expected none or codes"));
        assertTrue(message(head + "2026-11-20,,,,,ropinirole 2 mg,\n").startsWith("d.csv:2: rls_medicines: expected none or name:dose@HH:mm"));
        assertMessage("d.csv:3: date: 2026-11-20 is already on line 2", head + ok + ok);
        assertMessage("d.csv:2: date: expected yyyy-MM-dd, got '20.11.2026'", head + "20.11.2026,,,,,,\n");
        assertMessage("d.csv:2: expected 7 cells as in the header, got 6", head + "2026-11-20,,,,,\n");
        assertTrue(message("date,wine\n2026-11-20,1\n").startsWith("d.csv:1: column 2: unknown column 'wine'"));
        assertMessage("d.csv:2: cell 2: a quoted cell does not end on its line (line breaks inside a cell are not read)",
                "date,medicines_other\n2026-11-20,\"aspirin\n");
    }

    @Test
    void aLabFileIsToldApartByItsHeader() throws InputException {
        List<LabResult> labs = List.of(new LabResult(D, 48.5, 17.0), new LabResult(D.plusDays(90), 95.0, null));
        String csv = DiaryCsv.writeLab(labs);
        assertEquals("date,ferritin_ng_ml,tsat_pct\n2026-11-20,48.5,17\n2027-02-18,95,\n", csv);
        assertEquals(labs, assertInstanceOf(DiaryCsv.Lab.class, DiaryCsv.read("lab.csv", csv)).results());
        assertMessage("lab.csv:2: tsat_pct: 120 is outside 0-100", "date,ferritin_ng_ml,tsat_pct\n2026-11-20,50,120\n");
        assertMessage("lab.csv:2: ferritin_ng_ml, tsat_pct: a result needs ferritin or TSAT", "date,ferritin_ng_ml\n2026-11-20,\n");
    }

    @Test
    void notRecordedIsLeftOutOfTheFactorsAndNoneIsAbsent() {
        Map<String, FactorValue> none = DiaryFactors.day(DiaryEntry.builder(D).caffeineLast(null).medicines(List.of())
                .alcoholUnits(0.0).build()).values();
        assertEquals(new FactorValue.Flag(false), none.get("caffeine_after_noon"));
        assertEquals(new FactorValue.Flag(false), none.get("aggravating_medicine"));
        assertEquals(new FactorValue.Amount(0), none.get("alcohol_units"));
        assertEquals(3, none.size(), "nothing else was recorded: " + none);
        Map<String, FactorValue> f = DiaryFactors.day(full(D)).values();
        assertEquals(new FactorValue.Amount(15.5), f.get("caffeine_after_noon"));
        assertEquals(new FactorValue.Flag(true), f.get("aggravating_medicine"));
        assertEquals(new FactorValue.Flag(true), f.get("contrast_shower"));
        assertEquals(8, f.size());
    }

    @Test
    void ironStartsAfterTwoWeeksWithoutIron() {
        List<DiaryEntry> e = List.of(iron(D, 65), iron(D.plusDays(1), 65), iron(D.plusDays(15), 65), iron(D.plusDays(31), 65),
                iron(D.plusDays(32), 0));
        assertEquals(List.of(D, D.plusDays(31)), IronStarts.of(e));
    }

    private static DiaryEntry iron(LocalDate d, double mg) {
        return DiaryEntry.builder(d).ironMg(mg).build();
    }

    private static String message(String csv) {
        return assertThrows(InputException.class, () -> DiaryCsv.read(csv.startsWith("date,ferritin") || csv.startsWith("date,tsat")
                ? "lab.csv" : "d.csv", csv)).getMessage();
    }

    private static void assertMessage(String expected, String csv) {
        assertEquals(expected, message(csv));
    }
}
