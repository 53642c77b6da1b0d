package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NightFilesTest {
    @TempDir
    Path dir;

    @Test
    void rawSignalGoesAfterItsRetentionReportsAfterTheirsOtherFilesStay() throws Exception {
        for (String f : List.of("2026-09-01.json", "2026-09-01-left.edf", "2026-11-01.json", "2026-11-01-left.edf",
                "2026-11-01.part2.json", "2026-11-20-right.edf", "notes.txt", "2026-xx-01.edf")) {
            Files.writeString(dir.resolve(f), "x");
        }
        List<Path> gone = NightFiles.prune(dir, LocalDate.of(2026, 11, 24), 60, 14);
        assertEquals(3, gone.size(), gone.toString());
        assertFalse(Files.exists(dir.resolve("2026-09-01.json")), "a report past 60 days");
        assertFalse(Files.exists(dir.resolve("2026-09-01-left.edf")));
        assertFalse(Files.exists(dir.resolve("2026-11-01-left.edf")), "raw signal past 14 days");
        assertTrue(Files.exists(dir.resolve("2026-11-01.json")), "a report within 60 days stays");
        assertTrue(Files.exists(dir.resolve("2026-11-20-right.edf")), "recent raw signal stays");
        assertTrue(Files.exists(dir.resolve("notes.txt")));
        assertTrue(Files.exists(dir.resolve("2026-xx-01.edf")));
        assertTrue(Files.exists(dir.resolve("2026-11-01.part2.json")), "a resumed night's second report stays with the first");
    }
}
