package org.plmmonitor.monitor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalyzeCommandTest {
    /** The committed short recording (seeded generator, 18 min, 25 Hz, two ankles) and its expected JSON. */
    static final Path GOLDEN = Path.of("src/test/resources/golden/night8");

    @TempDir
    Path dir;


    static PlmRun run(String... args) {
        List<String> a = new ArrayList<>(List.of("analyze"));
        a.addAll(Arrays.asList(args));
        return PlmRun.of(a.toArray(new String[0]));
    }

    /**
     * The detector and scorer on a committed recording give the committed JSON, byte for byte but
     * for the software version. A deliberate detector change regenerates it with
     * {@code cd monitor && ../plm analyze --left src/test/resources/golden/night8/left.csv
     * --right src/test/resources/golden/night8/right.csv --json src/test/resources/golden/night8/expected.json}
     * and bumps {@code DetectorConfig.VERSION}.
     */
    @Test
    void goldenRecordingGivesTheCommittedJson() throws IOException {
        Path json = dir.resolve("out.json");
        PlmRun r = run("--left", GOLDEN.resolve("left.csv").toString(), "--right", GOLDEN.resolve("right.csv").toString(),
                "--json", json.toString());
        assertEquals(0, r.code, r.err);
        String expected = Files.readString(GOLDEN.resolve("expected.json"));
        String actual = Files.readString(json);
        assertEquals(masked(expected), masked(actual));
        assertTrue(actual.contains("\"leg\":\"bilateral\""), "the golden night has a bilateral merge");
        assertTrue(actual.contains("\"detector_version\":\"accel-2.11\""));
        assertTrue(actual.contains("\"caveat\":\"Counted from ankle acceleration"));
    }

    private static String masked(String json) {
        return json.replaceAll("\"software_version\":\"[^\"]*\"", "\"software_version\":\"*\"");
    }

    @Test
    void jsonGoesToStandardOutputByDefaultAndTheSummaryWhenAsked() {
        PlmRun json = run(GOLDEN.resolve("left.csv").toString());
        assertEquals(0, json.code, json.err);
        assertTrue(json.out.startsWith("{"), json.out);
        assertTrue(json.out.contains("\"plm_per_h\":"));
        PlmRun summary = run(GOLDEN.resolve("left.csv").toString(), "--summary", "--standard", "aasm");
        assertEquals(0, summary.code, summary.err);
        assertTrue(summary.out.contains("periodic leg movements per hour in bed"), summary.out);
        assertTrue(summary.out.contains("scored by aasm"));
        assertTrue(summary.out.contains("not leg EMG"));
        assertFalse(summary.out.contains("{"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing column      | t,x,y,z\\n0,0,0,1\\n0.02,0,0\\n                 | bad.csv:3: missing columns: expected 4 columns t,x,y,z, found 3",
            "extra column        | t,x,y,z\\n0,0,0,1\\n0.02,0,0,1,5\\n             | bad.csv:3: more than 4 columns",
            "NaN                 | t,x,y,z\\n0,0,0,1\\n0.02,NaN,0,1\\n             | bad.csv:3: column x is 'NaN': expected a finite decimal number",
            "text                | t,x,y,z\\n0,0,0,1\\n0.02,0,abc,1\\n             | bad.csv:3: column y is 'abc'",
            "time backwards      | t,x,y,z\\n0,0,0,1\\n0.02,0,0,1\\n0.01,0,0,1\\n  | bad.csv:4: time 0.01 s is not after the previous sample's 0.02 s",
            "empty file          | ''                                                | bad.csv: empty file",
            "header only         | t,x,y,z\\n                                        | bad.csv: no samples after the header",
            "wrong header        | time,a,b,c\\n0,0,0,1\\n                          | bad.csv:1: header is 'time,a,b,c': expected t,x,y,z",
            "truncated last line | t,x,y,z\\n0,0,0,1\\n0.02,0,0,1\\n0.04,0.1        | bad.csv:4: truncated line: expected 4 columns t,x,y,z, found 2",
            "absurd value        | t,x,y,z\\n0,0,0,1\\n0.02,0,0,900\\n             | bad.csv:3: column z = 900.0 g is outside +-64 g",
    })
    void badInputGetsOneLineNamingFileLineAndProblem(String what, String content, String message) throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, content.equals("''") ? "" : content.replace("\\n", "\n"));
        PlmRun r = run(f.toString());
        assertEquals(2, r.code, what + ": " + r.out);
        String err = r.err.trim().replace(dir.toString() + "/", "");
        assertTrue(err.startsWith("plm: " + message), what + ": got '" + err + "'");
        assertEquals(1, err.lines().count(), "one line, no stack trace: " + err);
        assertEquals("", r.out);
    }

    @Test
    void unknownOptionsMissingFilesAndBadStandardsAreRefused() {
        PlmRun unknown = run("--frobnicate", "x.csv");
        assertEquals(2, unknown.code);
        assertEquals("plm analyze: Unknown option: '--frobnicate' (try 'plm analyze --help')", unknown.err.trim());
        PlmRun missing = run(dir.resolve("nope.csv").toString());
        assertEquals(2, missing.code);
        assertTrue(missing.err.contains("nope.csv: no such file"), missing.err);
        PlmRun none = run();
        assertEquals(2, none.code);
        assertTrue(none.err.contains("missing input"), none.err);
        PlmRun std = run(GOLDEN.resolve("left.csv").toString(), "--standard", "rem");
        assertEquals(2, std.code);
        assertTrue(std.err.contains("'rem' is not one of wasm2016, aasm"), std.err);
    }
}
