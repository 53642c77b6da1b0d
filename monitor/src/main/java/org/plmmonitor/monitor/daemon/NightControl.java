package org.plmmonitor.monitor.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The manual override of the night schedule: {@code plm night start|end} leaves one word in
 * {@value #FILE} in the daemon's data directory; the daemon takes it (deleting the file) on its next
 * step. {@code start} opens a night now (until the next scheduled end), {@code end} closes the open one
 * (or skips tonight's scheduled night when none is open yet).
 */
public final class NightControl {
    /** The control file's name. */
    public static final String FILE = "night-control";

    /** What a person asked for. */
    public enum Command {
        /** Open a night now. */
        START,
        /** Close the open night now, or skip tonight's. */
        END;

        /** @return the word in the file and on the command line */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private NightControl() {
    }

    /**
     * Leaves a command for the daemon (atomically: written beside, then renamed).
     *
     * @param dir the daemon's data directory
     * @param c   the command
     */
    public static void request(Path dir, Command c) {
        ControlFile.leave(dir, FILE, c.word());
    }

    /**
     * Takes a pending command, if any.
     *
     * @param dir the daemon's data directory
     * @return the command; empty when none is pending or the file holds no known word (then it is removed)
     */
    static Optional<Command> take(Path dir) {
        try {
            Optional<String> word = ControlFile.take(dir, FILE);
            if (word.isEmpty()) {
                return Optional.empty();
            }
            for (Command c : Command.values()) {
                if (c.word().equalsIgnoreCase(word.get())) {
                    return Optional.of(c);
                }
            }
            System.getLogger(NightControl.class.getName()).log(System.Logger.Level.WARNING,
                    dir.resolve(FILE) + " holds '" + word.get() + "', not start or end: ignored");
            return Optional.empty();
        } catch (IOException e) {
            System.getLogger(NightControl.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot read " + dir.resolve(FILE) + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
