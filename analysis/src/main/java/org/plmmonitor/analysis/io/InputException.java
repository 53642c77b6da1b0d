package org.plmmonitor.analysis.io;

/**
 * Bad input in a file the user gave us: names the file, the line (1-based, 0 when the whole file is
 * at fault) and what was expected. The command line prints {@link #getMessage()} and exits non-zero.
 */
public final class InputException extends Exception {
    private final String file;
    private final long line;

    /**
     * @param file    the file as the user named it
     * @param line    1-based line number, or 0 when no single line is at fault
     * @param problem what is wrong and what was expected
     */
    public InputException(String file, long line, String problem) {
        super(format(file, line, problem));
        this.file = file;
        this.line = line;
    }

    /** Same, chaining the low-level cause (an I/O error, a parse failure). */
    public InputException(String file, long line, String problem, Throwable cause) {
        super(format(file, line, problem), cause);
        this.file = file;
        this.line = line;
    }

    private static String format(String file, long line, String problem) {
        return line > 0 ? file + ":" + line + ": " + problem : file + ": " + problem;
    }

    /** @return the file as the user named it */
    public String file() {
        return file;
    }

    /** @return the 1-based line, 0 when the file as a whole is at fault */
    public long line() {
        return line;
    }
}
