package org.plmmonitor.monitor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Memory is bounded by the detector's window, not by the night: a 24-hour two-ankle recording
 * analyses in a JVM limited to a 64 MB heap. (25 Hz keeps the files small for CI; the 100 Hz
 * figure is measured in the README.)
 */
class MemoryBoundTest {
    @TempDir
    Path dir;

    @Test
    void aTwentyFourHourTwoAnkleNightAnalysesWithA64MegabyteHeap() throws IOException, InterruptedException {
        int gen = PlmCommand.commandLine().execute("generate-night", "--seed", "24", "--hours", "24", "--rate", "25",
                "--bilateral", "--out", dir.toString());
        assertEquals(0, gen);
        Path json = dir.resolve("out.json");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx64m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), PlmCommand.class.getName(), "analyze",
                "--left", dir.resolve("left.csv").toString(), "--right", dir.resolve("right.csv").toString(),
                "--json", json.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "analysis did not finish");
        String log = Files.readString(dir.resolve("log.txt"));
        assertEquals(0, p.exitValue(), log);
        String out = Files.readString(json);
        assertTrue(out.contains("\"recorded_s\":86400,") || out.contains("\"recorded_s\":86399.96"), out.substring(0, Math.min(400, out.length())));
    }
}
