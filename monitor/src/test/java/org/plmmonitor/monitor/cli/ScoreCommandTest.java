package org.plmmonitor.monitor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.analysis.edf.Annotation;
import org.plmmonitor.analysis.edf.EdfAnnotationWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoreCommandTest {
    @TempDir
    Path dir;


    private PlmRun run(String... args) {
        List<String> a = new ArrayList<>(List.of("score"));
        a.addAll(Arrays.asList(args));
        return PlmRun.of(a.toArray(new String[0]));
    }

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private static final String NIGHT = "onset_s,offset_s,leg\n"
            + "40,41,L\n0,1,left\n20,21,R\n60,61.5,right\n"
            + "300,301,L\n300.2,302,R\n";

    @Test
    void scoresACsvAndWritesJsonToStdout() throws IOException {
        PlmRun r = run(file("night.csv", NIGHT).toString(), "--duration", "3600");
        assertEquals(0, r.code, r.err);
        assertEquals("", r.err);
        assertTrue(r.out.contains("\"recorded_s\":3600,"), r.out);
        assertTrue(r.out.contains("\"analysable_s\":3600,"));
        assertTrue(r.out.contains("\"lm\":5,"), r.out); // 4 one-leg + 1 bilateral
        assertTrue(r.out.contains("\"plm\":4,"));
        assertTrue(r.out.contains("\"plm_per_h\":4,"));
        assertTrue(r.out.contains("\"standard\":\"wasm2016\""));
        assertTrue(r.out.contains("{\"onset_s\":300,\"offset_s\":302,\"leg\":\"bilateral\",\"source\":\"imported-events\",\"candidate\":true"), r.out);
        assertTrue(r.out.contains("{\"id\":1,\"start_s\":0,\"end_s\":61.5,\"count\":4}"));
        assertTrue(r.out.contains("\"kind\":\"imported-events\""));
        assertTrue(r.out.contains("\"caveat\":null"));
        assertFalse(r.out.contains("plmnr"));
    }

    @Test
    void withoutDurationRatesAreNull() throws IOException {
        PlmRun r = run(file("night.csv", NIGHT).toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("\"recorded_s\":null,"));
        assertTrue(r.out.contains("\"plm_per_h\":null,"));
        assertTrue(r.out.contains("\"plm\":4,"));
    }

    @Test
    void writesJsonAndCsvFiles() throws IOException {
        Path json = dir.resolve("out.json");
        Path csv = dir.resolve("out.csv");
        PlmRun r = run(file("night.csv", "0,1\n20,21\n40,41\n60,61\n").toString(), "--json", json.toString(),
                "--csv", csv.toString(), "--standard", "AASM");
        assertEquals(0, r.code, r.err);
        assertEquals("", r.out, "nothing on stdout when files are named");
        assertTrue(Files.readString(json).contains("\"standard\":\"aasm\""));
        List<String> rows = Files.readAllLines(csv);
        assertEquals(5, rows.size());
        assertEquals("0,1,left,true,true,1,,,,false", rows.get(1));
    }

    @Test
    void suppliedEventsAddKeys() throws IOException {
        Path resp = file("resp.csv", "onset_s,offset_s\n5,19\n");
        Path aro = file("aro.csv", "40.5,45\n");
        Path sleep = file("sleep.csv", "30,3600\n");
        PlmRun r = run(file("night.csv", NIGHT).toString(), "--duration", "3600", "--respiratory", resp.toString(),
                "--arousals", aro.toString(), "--sleep", sleep.toString());
        assertEquals(0, r.code, r.err);
        // the movement at 20 s is respiration-related; without it 0, 40, 60 (and 300) form no series:
        // PLMnr 0 (rescored without respiratory CLMs, as WASM 2016 and the peers; the old reading gave 3)
        assertTrue(r.out.contains("\"plmnr\":0,"), r.out);
        assertTrue(r.out.contains("\"plm_arousal\":1,"));
        assertTrue(r.out.contains("\"plms\":2,"));
        assertTrue(r.out.contains("\"plmw\":2,"));
        assertTrue(r.out.contains("\"plmw_per_h\":240,"), r.out); // 2 in 30 s of wake
        assertTrue(r.out.contains("\"respiratory\":true"));
    }

    @Test
    void badRowsGiveOneLineAndExitCode2() throws IOException {
        Path p = file("bad.csv", "onset_s,offset_s\n0,1\n2,1\n");
        PlmRun r = run(p.toString());
        assertEquals(2, r.code);
        assertEquals("plm: " + p + ":3: offset_s 1.0 is before onset_s 2.0" + System.lineSeparator(), r.err);
        assertEquals("", r.out);

        Path extra = file("extra.csv", "0,1,L,9\n");
        PlmRun r2 = run(extra.toString());
        assertEquals(2, r2.code);
        assertEquals("plm: " + extra + ":1: expected 2 or 3 columns (onset_s,offset_s[,leg]), found 4"
                + System.lineSeparator(), r2.err);

        Path nan = file("nan.csv", "0,1\nNaN,2\n");
        PlmRun r3 = run(nan.toString());
        assertEquals("plm: " + nan + ":2: onset_s 'NaN' is not a number of seconds" + System.lineSeparator(), r3.err);

        Path leg = file("leg.csv", "0,1,X\n");
        assertTrue(run(leg.toString()).err.startsWith("plm: " + leg + ":1: leg 'X' is not one of"));

        Path empty = file("empty.csv", "");
        PlmRun r4 = run(empty.toString());
        assertEquals(2, r4.code);
        assertEquals("plm: " + empty + ": file is empty; expected a CSV of onset_s,offset_s[,leg]" + System.lineSeparator(), r4.err);

        Path truncated = file("trunc.csv", "0,1\n20,");
        assertEquals("plm: " + truncated + ":2: offset_s '' is not a number of seconds" + System.lineSeparator(),
                run(truncated.toString()).err);

        Path badSleep = file("sleep.csv", "0,1,2\n");
        assertEquals("plm: " + badSleep + ":1: expected 2 columns (onset_s,offset_s), found 3" + System.lineSeparator(),
                run(file("ok.csv", "0,1\n").toString(), "--sleep", badSleep.toString()).err);
    }

    @Test
    void optionErrorsExitWith2() throws IOException {
        Path p = file("night.csv", NIGHT);
        assertEquals(2, run(p.toString(), "--frobnicate").code);
        PlmRun std = run(p.toString(), "--standard", "rls");
        assertEquals(2, std.code);
        assertTrue(std.err.contains("standard 'rls' is not one of wasm2016, aasm"), std.err);
        assertEquals(2, run(p.toString(), "--duration", "-5").code);
        PlmRun missing = run(dir.resolve("nope.csv").toString());
        assertEquals(2, missing.code);
        assertTrue(missing.err.startsWith("plm: " + dir.resolve("nope.csv") + ": cannot read the file"), missing.err);
    }

    private static String remLogic(String... rows) {
        StringBuilder b = new StringBuilder("RemLogic Event Export\r\nPatient ID:\t1\r\n\r\n"
                + "Time [hh:mm:ss]\tEvent\tDuration[s]\tLocation\r\n");
        for (String r : rows) {
            b.append(r.replace(',', '\t')).append("\r\n");
        }
        return b.toString();
    }

    @Test
    void scoresARemLogicExportWithItsOwnHypnogram() throws IOException {
        List<String> rows = new ArrayList<>();
        // 00:00-00:10 wake, 00:10-00:20 unscored, 00:20-01:00 N2
        for (int e = 0; e < 120; e++) {
            String stage = e < 20 ? "SLEEP-S0" : e < 40 ? "SLEEP-UNSCORED" : "SLEEP-S2";
            rows.add(String.format(java.util.Locale.ROOT, "2020-01-02T%02d:%02d:%02d.000000,%s,30,EEG-F3",
                    e * 30 / 3600, e * 30 / 60 % 60, e * 30 % 60, stage));
        }
        // six movements 20 s apart in N2, the left leg scored on two overlapping derivations
        for (int i = 0; i < 6; i++) {
            int t = 1800 + 20 * i;
            String at = String.format(java.util.Locale.ROOT, "2020-01-02T00:%02d:%02d", t / 60, t % 60);
            rows.add(at + ".000000,PLM-LM,1.5,EMG.Tibialis-Leg-Left");
            rows.add(at + ".300000,PLM-LM,1.5,LAntib1-LAntib2");
        }
        // four in wake, right leg
        for (int i = 0; i < 4; i++) {
            rows.add(String.format(java.util.Locale.ROOT, "2020-01-02T00:0%d:%02d.000000,PLM-LM,2,RAntib1-RAntib2",
                    1 + i * 20 / 60, 10 + i * 20 % 60));
        }
        rows.add("2020-01-02T00:00:05.000000,AROUSAL-SPONT,3,EEG-F3");
        Path f = file("night-Events.txt", remLogic(rows.toArray(new String[0])));
        PlmRun r = run(f.toString(), "--sleep", f.toString(), "--arousals", f.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("\"recorded_s\":3600,"), r.out);
        assertTrue(r.out.contains("\"lm\":10,"), r.out); // 6 joined left + 4 right
        assertTrue(r.out.contains("\"plm\":10,"), r.out);
        assertTrue(r.out.contains("\"sleep_s\":2400,"), r.out);
        assertTrue(r.out.contains("\"wake_s\":600,"), r.out); // the unscored 600 s are not wake
        assertTrue(r.out.contains("\"plmw_per_h\":24,"), r.out); // 4 in 600 s, not 4 in 1200 s
        assertTrue(r.out.contains("\"plms\":6,"), r.out);
        assertTrue(r.out.contains("\"periodicity_index_sleep\":1,"), r.out);
        assertTrue(r.out.contains("{\"onset_s\":1800,\"offset_s\":1801.8,\"leg\":\"left\""), r.out);

        Path bad = file("bad-Events.txt", remLogic("2020-01-02T00:00:00.000000,PLM-LM,1.5,L",
                "2020-01-02T00:00:20,PLM-LM,x,L"));
        PlmRun b = run(bad.toString());
        assertEquals(2, b.code);
        assertEquals("plm: " + bad + ":6: duration 'x' is not a number of seconds >= 0" + System.lineSeparator(), b.err);
    }

    @Test
    void aBroadLmLabelDoesNotTakeSleepStagesForMovements() throws IOException {
        Path f = file("stages-Events.txt", remLogic("2020-01-02T00:00:00.000000,SLEEP-REM,30,EEG",
                "2020-01-02T00:00:30.000000,SLEEP-S2,30,EEG", "2020-01-02T00:00:40.000000,PLM-LM,2,Leg-Right"));
        PlmRun r = run(f.toString(), "--lm-label", ".*-.*");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("\"lm\":1,"), r.out);
    }

    @Test
    void aBadLabelExpressionNamesItsOption() throws IOException {
        Path p = file("night.csv", NIGHT);
        for (String option : List.of("--lm-label", "--respiratory-label", "--arousal-label", "--sleep-label",
                "--wake-label", "--unscored-label")) {
            PlmRun r = run(p.toString(), option, "(L|R");
            assertEquals(2, r.code, option);
            assertEquals("plm score: " + option + " '(L|R' is not a valid Java regular expression: Unclosed group near "
                    + "index 4 (try 'plm score --help')" + System.lineSeparator(), r.err);
            assertEquals("", r.out);
        }
    }

    @Test
    void scoresAnEdfScoringWithItsOwnStagesAndEvents() throws IOException {
        List<Annotation> anns = new ArrayList<>();
        anns.add(new Annotation(0, 600, "Sleep stage W"));
        anns.add(new Annotation(600, 3000, "Sleep stage N2"));
        for (int i = 0; i < 6; i++) {
            anns.add(new Annotation(700 + 25 * i, 1.5, i % 2 == 0 ? "Limb movement (left)" : "LM R"));
        }
        anns.add(new Annotation(680, 18, "Obstructive Apnea"));
        anns.add(new Annotation(750.5, 3, "Arousal"));
        Path edf = dir.resolve("scoring.rec"); // no .edf extension: found by content
        try (OutputStream o = Files.newOutputStream(edf)) {
            EdfAnnotationWriter.write(o, LocalDateTime.of(2024, 3, 1, 22, 0), 120, 30, anns);
        }
        PlmRun r = run(edf.toString(), "--sleep", edf.toString(), "--respiratory", edf.toString(), "--arousals", edf.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("\"recorded_s\":3600,"), r.out);
        assertTrue(r.out.contains("\"plm\":6,"));
        assertTrue(r.out.contains("\"plms\":6,"));
        assertTrue(r.out.contains("\"plms_per_h\":7.2,"), r.out); // 6 in 3000 s
        assertTrue(r.out.contains("\"plmnr\":5,"));
        assertTrue(r.out.contains("\"plm_arousal\":1,"));
        assertTrue(r.out.contains("\"leg\":\"right\""));

        byte[] whole = Files.readAllBytes(edf);
        Path cut = dir.resolve("cut.edf");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 7));
        PlmRun bad = run(cut.toString());
        assertEquals(2, bad.code);
        assertTrue(bad.err.startsWith("plm: " + cut + ": byte " + (whole.length - 7) + " (data record 120): file is truncated"),
                bad.err);
    }
}
