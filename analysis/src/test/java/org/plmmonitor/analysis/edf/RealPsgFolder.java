package org.plmmonitor.analysis.edf;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the real PSG files are, for the tests and benchmarks that read them: they are not part of
 * this project (docs/scoring.md, "Checked against real PSG scorings"). The folder named by the system
 * property {@code realPsg}, else {@code shared/real-psg} beside the project folder; null where neither
 * exists, so that a caller can skip with a JUnit assumption.
 */
public final class RealPsgFolder {
    private RealPsgFolder() {
    }

    /** @return the folder of the real files ({@code -DrealPsg=DIR}, else beside the project folder), or null when there is none */
    public static Path find() {
        String given = System.getProperty("realPsg");
        if (given != null && !given.isBlank()) {
            Path dir = Path.of(given);
            return Files.isDirectory(dir) ? dir : null;
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !(Files.isDirectory(p.resolve("analysis")) && Files.isDirectory(p.resolve("monitor")))) {
            p = p.getParent();
        }
        if (p == null || p.getParent() == null) {
            return null;
        }
        Path dir = p.getParent().resolve("shared").resolve("real-psg");
        return Files.isDirectory(dir) ? dir : null;
    }
}
