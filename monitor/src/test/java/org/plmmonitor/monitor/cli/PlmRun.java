package org.plmmonitor.monitor.cli;

import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * One run of {@code plm} in the test's JVM, as a person would type it: the exit status and what the command
 * wrote to standard output and standard error. The one way the tests run the command line in process.
 * Its three facts are plain final fields (the tests read {@code r.code} as often as {@code r.code()}).
 */
public final class PlmRun {
    /** The exit status (0 success, 1 failure, 2 usage or bad input). */
    public final int code;
    /** What went to standard output. */
    public final String out;
    /** What went to standard error. */
    public final String err;

    private PlmRun(int code, String out, String err) {
        this.code = code;
        this.out = out;
        this.err = err;
    }

    /** @return the exit status */
    public int code() {
        return code;
    }

    /** @return what went to standard output */
    public String out() {
        return out;
    }

    /** @return what went to standard error */
    public String err() {
        return err;
    }

    /** Two runs are equal when their status and both streams are (a run compared with another way to run it). */
    @Override
    public boolean equals(Object o) {
        return o instanceof PlmRun r && r.code == code && r.out.equals(out) && r.err.equals(err);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(code, out, err);
    }

    @Override
    public String toString() {
        return "exit " + code + "\nstdout: " + out + "\nstderr: " + err;
    }
    /**
     * @param args the arguments after {@code plm}
     * @return the run on the full command line ({@link PlmCommand#commandLine()})
     */
    public static PlmRun of(String... args) {
        return on(PlmCommand.commandLine(), args);
    }

    /**
     * @param cl   the command line to run (e.g. the one {@code plm}'s main builds for these arguments)
     * @param args the arguments
     * @return the run
     */
    public static PlmRun on(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new PlmRun(code, out.toString(), err.toString());
    }

    /**
     * @param stdin what the command reads from standard input (UTF-8), e.g. a password
     * @param args  the arguments after {@code plm}
     * @return the run, with standard input restored afterwards
     */
    public static PlmRun withStdin(String stdin, String... args) {
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return of(args);
        } finally {
            System.setIn(before);
        }
    }
}
