package org.plmmonitor.monitor.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plm cuff stop}'s control file, as the daemon takes it: once, and anything in it means stop. */
class CuffControlTest {
    @TempDir
    Path dir;

    @Test
    void aStopIsTakenOnceAndTheFileRemoved() throws Exception {
        assertFalse(CuffControl.takeStop(dir), "nothing pending");
        CuffControl.requestStop(dir.resolve("data"));
        Path f = dir.resolve("data").resolve(CuffControl.FILE);
        assertEquals("stop\n", Files.readString(f));
        assertTrue(CuffControl.takeStop(dir.resolve("data")));
        assertFalse(Files.exists(f));
        assertFalse(CuffControl.takeStop(dir.resolve("data")), "taken once");
    }

    @Test
    void anotherWordIsTakenAsStopTooBecauseStoppingIsSafe() throws Exception {
        Files.writeString(dir.resolve(CuffControl.FILE), "inflate\n");
        assertTrue(CuffControl.takeStop(dir));
        assertFalse(Files.exists(dir.resolve(CuffControl.FILE)));
    }
}
