package org.plmmonitor.monitor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A command-line mistake is one line that names the command as typed, the whole path of a nested one
 * ({@code plm user set}, {@code plm diary import}), and points at that command's own help.
 */
class NestedCommandErrorTest {
    @TempDir
    Path dir;


    private static PlmRun plm(String... args) {
        return PlmRun.of(args);
    }

    private static void assertLine(String expected, PlmRun r) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("", r.out());
        assertEquals(expected + System.lineSeparator(), r.err());
    }

    @Test
    void aNestedCommandsMistakeNamesItsWholePath() {
        assertLine("plm user set: Missing required parameter: 'NAME' (try 'plm user set --help')", plm("user", "set"));
        assertLine("plm user delete: NAME 'anna smith' is not 1-32 letters, digits, '.', '_' or '-' "
                + "(try 'plm user delete --help')", plm("user", "delete", "anna smith", "--dir", dir.toString()));
        assertLine("plm user: a subcommand is required: set or delete (try 'plm user --help')", plm("user"));
        assertLine("plm diary import: Unknown option: '--frobnicate' (try 'plm diary import --help')",
                plm("diary", "import", "--frobnicate", "x.csv"));
        assertLine("plm diary lab: Missing required option: '--date=DATE' (try 'plm diary lab --help')",
                plm("diary", "lab", "--dir", dir.toString()));
        assertLine("plm diary: a subcommand is required: import, export or lab (try 'plm diary --help')", plm("diary"));
    }

    @Test
    void aTopLevelMistakeNamesTheCommandOnce() {
        assertLine("plm analyze: Unknown option: '--frobnicate' (try 'plm analyze --help')", plm("analyze", "--frobnicate"));
        assertLine("plm: Unknown option: '--frobnicate' (try 'plm --help')", plm("--frobnicate"));
    }
}
