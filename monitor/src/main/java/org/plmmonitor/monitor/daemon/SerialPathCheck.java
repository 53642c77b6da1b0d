package org.plmmonitor.monitor.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Why a configured serial path cannot be a board's port, said before the session starts retrying it: the
 * session's reopen loop swallows each failed open (a USB board may be plugged in later), so without this a
 * path that is a plain file, a folder or a device the daemon's user may not open would only ever show as
 * "disconnected".
 */
final class SerialPathCheck {
    /** The file-type bits of a Unix mode, and the character-device type a tty has. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    private SerialPathCheck() {
    }

    /**
     * @param path the configured device path (links followed)
     * @return the reason it cannot be opened as a serial port, in words; empty when it looks openable or is
     *         absent (an absent path is a board not plugged in yet, warned apart)
     */
    static Optional<String> problem(Path path) {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        if (Files.isDirectory(path)) {
            return Optional.of("it is a directory, not a serial device");
        }
        try {
            if (Files.getAttribute(path, "unix:mode") instanceof Integer mode && (mode & S_IFMT) != S_IFCHR) {
                return Optional.of(Files.isRegularFile(path) ? "it is a regular file, not a serial device (a tty)"
                        : "it is not a character device, so not a serial port (a tty)");
            }
        } catch (UnsupportedOperationException | IOException | IllegalArgumentException e) {
            // No unix view (not Linux): the open itself will tell.
        }
        if (!Files.isReadable(path) || !Files.isWritable(path)) {
            return Optional.of("permission denied: the user " + System.getProperty("user.name")
                    + " may not read and write it (on a Pi, add that user to the dialout group)");
        }
        return Optional.empty();
    }
}
