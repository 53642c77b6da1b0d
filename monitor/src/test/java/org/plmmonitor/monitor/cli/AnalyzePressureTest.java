package org.plmmonitor.monitor.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plmmonitor.analysis.io.AccelCsvWriter;
import org.plmmonitor.analysis.io.CsvLayout;
import org.plmmonitor.analysis.movement.Leg;
import org.plmmonitor.analysis.sim.NightSpec;
import org.plmmonitor.analysis.sim.PressureRenderer;
import org.plmmonitor.analysis.sim.SyntheticNight;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plm analyze --pressure}: the cuff alone and with an ankle, through the real files and command. */
class AnalyzePressureTest {
    @TempDir
    static Path night;
    @TempDir
    Path dir;

    @BeforeAll
    static void writeNight() throws IOException {
        SyntheticNight n = SyntheticNight.generate(NightSpec.builder().seed(4).durationS(3600).rateHz(25).plmPerHour(40).build());
        try (OutputStream os = Files.newOutputStream(night.resolve("left.csv"))) {
            new AccelCsvWriter(os).writeAll(n.source(Leg.LEFT));
        }
        try (OutputStream os = Files.newOutputStream(night.resolve("pressure.csv"))) {
            new AccelCsvWriter(os, CsvLayout.PRESSURE).writeAll(new PressureRenderer(n, Leg.LEFT, 10).source());
        }
    }

    @Test
    void theCuffAloneIsAnalysableOnlyWhileItHoldsAndNamesItsMovements() {
        PlmRun r = AnalyzeCommandTest.run("--pressure", night.resolve("pressure.csv").toString());
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.contains("\"analysable_by_source\":{\"cuff-pressure\":"), out.substring(0, 400));
        assertTrue(out.contains("\"source\":\"cuff-pressure\""));
        assertTrue(!out.contains("\"source\":\"accelerometer"), "no accelerometer was given");
        assertTrue(out.contains("\"peak_g\":null,\"rms_g\":null,\"peak_mmhg\":"), "amplitude in mmHg, not g");
        assertTrue(out.contains("\"detector_version\":\"cuff-1.1\""));
        assertTrue(out.contains("\"kind\":\"cuff-pressure\""));
        assertTrue(out.contains("\"caveat\":\"Counted from compression-cuff pressure"));
        double analysable = number(out, "\"analysable_s\":");
        double recorded = number(out, "\"recorded_s\":");
        assertTrue(analysable > 0 && analysable < 0.95 * recorded, "holds only: " + analysable + " of " + recorded + " s");
    }

    @Test
    void withAnAnkleTheMovementsAreOneListAndWhatBothSawIsOneMovement() {
        PlmRun both = AnalyzeCommandTest.run(night.resolve("left.csv").toString(),
                "--pressure", night.resolve("pressure.csv").toString());
        assertEquals(0, both.code(), both.err());
        PlmRun ankle = AnalyzeCommandTest.run(night.resolve("left.csv").toString());
        String out = both.out();
        assertTrue(out.contains("\"analysable_by_source\":{\"accelerometer\":"), out.substring(0, 400));
        assertTrue(out.contains(",\"cuff-pressure\":"));
        assertTrue(out.contains("\"source\":\"accelerometer+cuff-pressure\""), "movements both saw are joined");
        assertTrue(out.contains("\"detector_version\":\"accel-"));
        assertTrue(out.contains("+cuff-1.1\""));
        // Joining never counts one movement twice: at most the ankle's movements plus the cuff's own.
        double lmBoth = number(out, "\"lm\":");
        double lmAnkle = number(ankle.out(), "\"lm\":");
        int cuffOnly = count(out, "\"source\":\"cuff-pressure\"");
        assertTrue(cuffOnly > 0, "the cuff sees calf contractions the ankle misses");
        assertEquals(lmAnkle + cuffOnly, lmBoth, 0.0, "each movement once: " + lmAnkle + " + " + cuffOnly);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "wrong header   | t,x,y,z\\n0,0,0,1\\n                        | p.csv:1: header is 't,x,y,z': expected t,pressure_mmhg (t in s, pressure_mmhg in mmHg)",
            "text           | t,pressure_mmhg\\n0,1\\n0.1,abc\\n          | p.csv:3: column pressure_mmhg is 'abc': expected a finite decimal number",
            "extra column   | t,pressure_mmhg\\n0,1\\n0.1,1,2\\n          | p.csv:3: more than 2 columns: expected t,pressure_mmhg",
            "absurd value   | t,pressure_mmhg\\n0,1\\n0.1,900\\n          | p.csv:3: column pressure_mmhg = 900.0 mmHg is outside -20 to 300 mmHg",
            "time backwards | t,pressure_mmhg\\n0,1\\n0.1,1\\n0.05,1\\n   | p.csv:4: time 0.05 s is not after the previous sample's 0.1 s",
            "rate too high  | t,pressure_mmhg\\n0,1\\n0.001,1\\n0.002,1\\n | p.csv: sample rate 1000.0 Hz (from the time column) is outside 5-200 Hz",
    })
    void aBadPressureFileGetsOneLineNamingFileLineAndColumn(String what, String content, String message) throws IOException {
        Path f = dir.resolve("p.csv");
        Files.writeString(f, content.replace("\\n", "\n"));
        PlmRun r = AnalyzeCommandTest.run("--pressure", f.toString());
        assertEquals(2, r.code(), what);
        String err = r.err().trim().replace(dir.toString() + "/", "");
        assertTrue(err.startsWith("plm: " + message), what + ": got '" + err + "'");
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertEquals("", r.out());
    }

    @Test
    void aCuffOnNoLegAndAnOutputOverThePressureFileAreRefused() {
        Path p = night.resolve("pressure.csv");
        PlmRun leg = AnalyzeCommandTest.run("--pressure", p.toString(), "--pressure-leg", "arm");
        assertEquals(2, leg.code());
        assertTrue(leg.err().contains("--pressure-leg: 'arm' is not a leg: expected left or right"), leg.err());
        PlmRun over = AnalyzeCommandTest.run("--pressure", p.toString(), "--json", p.toString());
        assertEquals(2, over.code());
        assertTrue(over.err().contains("--json"), over.err());
    }

    private static double number(String json, String key) {
        int i = json.indexOf(key) + key.length();
        int j = i;
        while (j < json.length() && "0123456789.-".indexOf(json.charAt(j)) >= 0) {
            j++;
        }
        return Double.parseDouble(json.substring(i, j));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
