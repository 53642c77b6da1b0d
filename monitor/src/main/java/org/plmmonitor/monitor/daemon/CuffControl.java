package org.plmmonitor.monitor.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code plm cuff stop}: leaves the word {@code stop} in {@value #FILE} in the daemon's data directory; the
 * daemon takes it (deleting the file) on its next step and ends the running therapy session with VENT, as
 * {@link NightControl} does for nights.
 */
public final class CuffControl {
    /** The control file's name. */
    public static final String FILE = "cuff-control";
    /** The one word the file holds. */
    public static final String STOP = "stop";

    private CuffControl() {
    }

    /**
     * Leaves the stop request for the daemon (atomically: written beside, then renamed).
     *
     * @param dir the daemon's data directory
     */
    public static void requestStop(Path dir) {
        ControlFile.leave(dir, FILE, STOP);
    }

    /**
     * Takes a pending stop request, if any.
     *
     * @param dir the daemon's data directory
     * @return true when a stop was pending (the file is removed); a file holding another word is removed and
     *         counts as a stop too: whoever wrote it wanted the cuff to do something, and stopping is safe
     */
    static boolean takeStop(Path dir) {
        Path f = dir.resolve(FILE);
        try {
            Optional<String> word = ControlFile.take(dir, FILE);
            if (word.isPresent() && !word.get().equalsIgnoreCase(STOP)) {
                System.getLogger(CuffControl.class.getName()).log(System.Logger.Level.WARNING,
                        f + " holds '" + word.get() + "', not stop: taken as stop");
            }
            return word.isPresent();
        } catch (IOException e) {
            System.getLogger(CuffControl.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot read " + f + ": " + e.getMessage() + "; taken as stop");
            try {
                Files.deleteIfExists(f);
            } catch (IOException gone) {
                e.addSuppressed(gone); // it stays; each poll stops again, which is safe
            }
            return true;
        }
    }
}
