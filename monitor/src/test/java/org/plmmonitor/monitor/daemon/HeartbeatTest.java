package org.plmmonitor.monitor.daemon;

import org.plmmonitor.monitor.cli.PlmRun;
import org.plmmonitor.monitor.web.WebStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plmmonitor.monitor.cli.PlmCommand;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12: a daemon alive on a full disk cannot replace its status files; {@code plm status} must say it runs
 * and why its status is old, not that it is not running. The heartbeat is overwritten in place and needs no space.
 */
class HeartbeatTest {
    @TempDir
    Path dir;

    private static DaemonStatus status(Instant at, Path dataDir) {
        DaemonStatus.SourceStatus sim = new DaemonStatus.SourceStatus("left", "simulator", "seed 1 left", 50, Double.NaN,
                0, Double.NaN, null, 0, 0, false, null);
        return new DaemonStatus(at, true, 0, 0, 0, null, null, 0, 0, List.of(sim), dataDir.resolve("plm.db"), null, null,
                DaemonStatus.CuffStatus.NOT_CONFIGURED, WebStatus.DISABLED);
    }


    private static PlmRun status(Path dataDir) {
        return PlmRun.of("status", "--dir", dataDir.toString());
    }

    private static void age(Path f, long seconds) throws IOException {
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(seconds)));
    }

    @Test
    void onAFullFilesystemTheHeartbeatStillBeatsAndStatusSaysRunningWithTheReason() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        try (SmallTmpfs fs = SmallTmpfs.mount(data, "1m")) {
            Instant now = Instant.now();
            StatusFile.write(data, status(now, data));
            Heartbeat beat = new Heartbeat(data);
            beat.beat(now, null);
            assertEquals(Heartbeat.SIZE, Files.size(data.resolve(Heartbeat.FILE)));
            fill(data.resolve("filler"));
            UncheckedIOException refused = assertThrows(UncheckedIOException.class, () -> StatusFile.write(data, status(now, data)),
                    "the status files cannot be replaced on the full disk");

            beat.beat(Instant.now(), refused.getMessage());

            assertEquals(Heartbeat.SIZE, Files.size(data.resolve(Heartbeat.FILE)), "overwritten in place, not grown");
            Heartbeat.Beat read = Heartbeat.read(data, Instant.now()).orElseThrow();
            assertTrue(read.statusProblem().orElse("").contains("No space left on device"), read.toString());
            // Half a minute later the status is old; the heartbeat is not.
            age(data.resolve(StatusFile.TEXT), 45);
            PlmRun r = status(data);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.err().matches("plm status: the daemon is running \\(alive \\d+ s ago\\) but has not written its "
                    + "status for 4\\d s: cannot write .*status.json: No space left on device; shown is the last status it "
                    + "wrote\\s*"), r.err());
            assertTrue(r.out().contains("seed 1 left"), "the last good status is printed: " + r.out());

            // Both old: not running.
            age(data.resolve(Heartbeat.FILE), 45);
            PlmRun stopped = status(data);
            assertEquals(3, stopped.code(), stopped.err());
            assertTrue(stopped.err().contains("the daemon is not running"), stopped.err());
            Files.delete(data.resolve("filler"));
        }
    }

    @Test
    void aHeartbeatThatSaysTheStatusWasWrittenCarriesNoProblemAndAnAbsentOneIsNoBeat() throws Exception {
        assertTrue(Heartbeat.read(dir, Instant.now()).isEmpty());
        Heartbeat beat = new Heartbeat(dir);
        beat.beat(Instant.now(), "x".repeat(2000));
        assertEquals(Heartbeat.SIZE, Files.size(dir.resolve(Heartbeat.FILE)), "a long reason is cut to the fixed size");
        beat.beat(Instant.now(), null);
        Heartbeat.Beat read = Heartbeat.read(dir, Instant.now()).orElseThrow();
        assertTrue(read.statusProblem().isEmpty(), read.toString());
        assertEquals(Heartbeat.SIZE, Files.size(dir.resolve(Heartbeat.FILE)));
    }

    /** Writes until the filesystem refuses. */
    private static void fill(Path f) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(f)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }
}
