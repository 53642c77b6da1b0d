package org.plmmonitor.monitor.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(FILE + ".tmp");
            Files.writeString(tmp, c.word() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot leave the night command in " + dir, e);
        }
    }

    /**
     * Takes a pending command, if any.
     *
     * @param dir the daemon's data directory
     * @return the command; empty when none is pending or the file holds no known word (then it is removed)
     */
    static Optional<Command> take(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            String word = Files.readString(f, StandardCharsets.UTF_8).trim().toUpperCase(Locale.ROOT);
            Files.deleteIfExists(f);
            for (Command c : Command.values()) {
                if (c.name().equals(word)) {
                    return Optional.of(c);
                }
            }
            System.getLogger(NightControl.class.getName()).log(System.Logger.Level.WARNING,
                    f + " holds '" + word + "', not start or end: ignored");
            return Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            System.getLogger(NightControl.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot read " + f + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
