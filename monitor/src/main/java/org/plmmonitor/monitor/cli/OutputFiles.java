package org.plmmonitor.monitor.cli;

import org.plmmonitor.analysis.io.InputException;
import org.plmmonitor.analysis.io.IoErrors;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * The rules every command follows for the files it writes: an output option never names one of the
 * command's inputs (that would destroy the recording it is reading), an empty path is refused, and a
 * file that cannot be written gives one line naming the option, the path and why (a missing folder,
 * a full disk), with no partial file left behind.
 */
final class OutputFiles {
    private OutputFiles() {
    }

    /**
     * Refuses an output that is one of the inputs (the same file after following links), before
     * anything is read or written.
     *
     * @param option the output option, e.g. {@code --json}
     * @param out    the output path, or null when the option was not given
     * @param inputs the command's input files (null entries are ignored)
     * @throws InputException naming the option and the input it would overwrite
     */
    static void refuseInputs(String option, Path out, Collection<Path> inputs) throws InputException {
        if (out == null || isStdout(out)) {
            return;
        }
        checkNotEmpty(option, out);
        for (Path in : inputs) {
            if (in != null && same(out, in)) {
                throw new InputException(option + " " + out, 0, "is the input file " + in
                        + ": refusing to write over an input; choose another output file");
            }
        }
    }

    /**
     * @param option the output option, for messages
     * @param out    the output path
     * @throws InputException when the path is empty
     */
    static void checkNotEmpty(String option, Path out) throws InputException {
        if (out.toString().isEmpty()) {
            throw new InputException(option, 0, "empty path: expected a file name");
        }
    }

    /**
     * Refuses an output folder given as an empty path or naming a file, before anything is written:
     * an empty path would otherwise resolve to the current folder.
     *
     * @param option the output option, for messages
     * @param dir    the folder (created later if missing)
     * @throws InputException when the path is empty or names something that is not a folder
     */
    static void checkDirectory(String option, Path dir) throws InputException {
        if (dir.toString().isEmpty()) {
            throw new InputException(option, 0, "empty path: expected a directory");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InputException(option + " " + dir, 0, "is a file: expected a directory (created if missing)");
        }
    }

    /** @return true for {@code -}, which the commands take as standard output */
    static boolean isStdout(Path out) {
        return out.toString().equals("-");
    }

    /**
     * Writes a file through {@code body}; on failure removes what was written (when the file did not
     * exist before) and says why in one line.
     *
     * @param option the output option, for messages
     * @param out    the file
     * @param body   writes the content
     * @throws InputException naming the option, the path and the reason (folder missing, disk full, ...)
     */
    static void write(String option, Path out, Body body) throws InputException {
        checkNotEmpty(option, out);
        boolean existed = Files.exists(out);
        try (OutputStream os = Files.newOutputStream(out)) {
            body.write(os);
        } catch (IOException e) {
            if (!existed) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // the message below is what matters; a file that cannot be removed is named in it
                }
            }
            throw failure(option, out, e);
        }
    }

    /**
     * @param option the output option
     * @param out    the path that could not be written
     * @param e      why
     * @return one line naming option, path and reason
     */
    static InputException failure(String option, Path out, IOException e) {
        Path parent = out.toAbsolutePath().getParent();
        String why;
        if (Files.isDirectory(out)) {
            why = "is a directory: expected a file name";
        } else if (parent != null && !Files.isDirectory(parent)) {
            why = "cannot write: the folder " + parent + " does not exist";
        } else {
            why = "cannot write: " + IoErrors.reason(e);
        }
        return new InputException(option + " " + out, 0, why, e);
    }

    private static boolean same(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false; // one of them cannot be examined: opening it will say why
        }
    }

    /** What goes into an output file. */
    @FunctionalInterface
    interface Body {
        /** @param out the open file; closed by the caller */
        void write(OutputStream out) throws IOException;
    }
}
