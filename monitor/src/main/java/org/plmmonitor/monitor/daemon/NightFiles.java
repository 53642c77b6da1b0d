package org.plmmonitor.monitor.daemon;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Retention for the per-night files next to the store (the store prunes its own rows): EDF+ raw
 * signal after {@code store.raw_retention_days}, JSON reports after {@code store.retention_days},
 * counted from the night's name (the local date of its evening).
 */
final class NightFiles {
    private NightFiles() {
    }

    /**
     * @param dir          the nights directory
     * @param today        the local date now
     * @param reportDays   keep reports of nights at most this many days old
     * @param rawDays      keep EDF+ files of nights at most this many days old
     * @return the files deleted
     */
    static List<Path> prune(Path dir, LocalDate today, int reportDays, int rawDays) throws IOException {
        List<Path> gone = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return gone;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.length() < 10) {
                    continue;
                }
                LocalDate night;
                try {
                    night = LocalDate.parse(name.substring(0, 10));
                } catch (DateTimeParseException e) {
                    continue; // not a night's file: leave it alone
                }
                boolean edf = name.endsWith(".edf");
                boolean json = name.endsWith(".json");
                int keep = edf ? rawDays : reportDays;
                if ((edf || json) && night.isBefore(today.minusDays(keep))) {
                    Files.deleteIfExists(f);
                    gone.add(f);
                }
            }
        } catch (DirectoryIteratorException e) {
            // An error while listing arrives unchecked; the caller logs I/O trouble and goes on, so it
            // must not end the daemon at a night's close (seen as EOVERFLOW from a 32-bit JVM under qemu).
            throw e.getCause();
        }
        return gone;
    }
}
